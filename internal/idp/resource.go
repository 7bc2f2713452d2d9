package idp

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Resource is the protected API of an IdP: it accepts the IdP's access
// tokens, checked by introspection, and answers each accepted request with
// an Echo of it. It serves every path of the IdP's listener but TokenPath.
type Resource struct {
	// URL is the API's base URL.
	URL string

	idp      *IdP
	requests atomic.Int64

	mu      sync.Mutex
	status  int // the status of the refusals to come
	pending int // how many new tokens to refuse
	refused map[string]bool
	paths   []string // the paths requested, in order
}

// Echo is what the Resource answers: the request it received.
type Echo struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Query   string            `json:"query,omitempty"`
	Body    string            `json:"body,omitempty"`
	Subject string            `json:"subject"`
	Scopes  []string          `json:"scopes"`
	Headers map[string]string `json:"headers,omitempty"`
}

func newResource(i *IdP, url string) *Resource {
	return &Resource{idp: i, URL: url, refused: map[string]bool{}}
}

// Paths returns the paths requested, in order.
func (r *Resource) Paths() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.paths...)
}

// Requests returns how many requests arrived.
func (r *Resource) Requests() int { return int(r.requests.Load()) }

// RefuseFirst makes the server refuse the next valid token it sees with
// status, as an API does whose token was revoked, and every later request
// that carries the same token.
func (r *Resource) RefuseFirst(status int) { r.Refuse(status, 1) }

// Refuse makes the server refuse the next n valid tokens it sees with
// status, and every later request that carries one of them.
func (r *Resource) Refuse(status, n int) {
	r.mu.Lock()
	r.status, r.pending = status, n
	r.mu.Unlock()
}

// ServeHTTP answers a request for the API.
func (r *Resource) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.requests.Add(1)
	r.mu.Lock()
	r.paths = append(r.paths, req.URL.Path)
	r.mu.Unlock()
	body, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
	if !ok {
		refuse(w, http.StatusUnauthorized, "no bearer token")
		return
	}
	subject, scopes, err := r.idp.introspect(req.Context(), token)
	if err != nil {
		refuse(w, http.StatusUnauthorized, "the token is not valid")
		return
	}
	r.mu.Lock()
	status := 0
	switch {
	case r.refused[token]:
		status = http.StatusUnauthorized
	case r.pending > 0:
		status = r.status
		r.pending--
		r.refused[token] = true
	}
	r.mu.Unlock()
	if status != 0 {
		refuse(w, status, "the token was revoked")
		return
	}
	// ?redirect=LOCATION answers a valid request with a 302 to LOCATION,
	// as written: relative, absolute or to another host.
	if loc := req.URL.Query().Get("redirect"); loc != "" {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
		return
	}
	e := Echo{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Body: string(body),
		Subject: subject, Scopes: scopes, Headers: map[string]string{}}
	for name := range req.Header {
		if name != "Authorization" && strings.HasPrefix(name, "X-") || name == "Content-Type" {
			e.Headers[name] = req.Header.Get(name)
		}
	}
	writeJSON(w, http.StatusOK, e)
}

func refuse(w http.ResponseWriter, status int, why string) {
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	writeJSON(w, status, map[string]string{"error": "invalid_token", "error_description": why})
}
