package cli

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/idp"
)

// testidpMain runs the script command that drives the IdP of package idp
// in ways credscope idp does not, to try the client against a misbehaving
// identity provider:
//
//	testidp serve -keystore DIR -cert NAME -iss ISSUER -sub SUBJECT [-kid KID]
//	    [-scopes 'A B'] [-withhold 'A'] [-refuse-first STATUS] [-delay D]
//	    [-project DIR [-replace TEXT=IDP_URL|API_URL]...] -- COMMAND [ARG...]
//
// starts an IdP that trusts the certificate's key for the issuer and
// subject; replaces IDP_URL and API_URL in the files under the project
// directory with the URLs of its token endpoint and API while the command
// runs; reports the counts of requests on standard error and exits with the
// command's status.
func testidpMain() {
	args := os.Args[1:]
	if len(args) == 0 || args[0] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: testidp serve ...")
		os.Exit(2)
	}
	if err := testidpServe(args[1:]); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fmt.Fprintln(os.Stderr, "testidp:", err)
		os.Exit(2)
	}
}

func testidpServe(args []string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	keystore := fl.String("keystore", "", "the keystore `DIR`")
	cert := fl.String("cert", "", "the certificate `NAME` whose key the IdP trusts")
	iss := fl.String("iss", "", "the trusted `ISSUER`")
	sub := fl.String("sub", "", "the trusted `SUBJECT`")
	kid := fl.String("kid", "", "the key's `ID`, as the kid header names it")
	scopes := fl.String("scopes", "", "the `SCOPES` the issuer may request, space-separated")
	withhold := fl.String("withhold", "", "`SCOPES` allowed but left out of the tokens")
	refuse := fl.Int("refuse-first", 0, "make the resource server refuse the first token with `STATUS`")
	delay := fl.Duration("delay", 0, "make the token endpoint wait `D` before answering")
	expiresIn := fl.String("expires-in", "", "answer with this raw `JSON` as expires_in")
	refuseWith := fl.String("refuse-with-file", "", "refuse every assertion with the error_description in `FILE`")
	project := fl.String("project", "", "replace IDP_URL and API_URL in the files under `DIR`")
	var replace []string
	fl.Func("replace", "also replace `TEXT=IDP_URL` or TEXT=API_URL under the project (repeatable)", func(s string) error {
		if text, name, ok := strings.Cut(s, "="); ok && text != "" && (name == "IDP_URL" || name == "API_URL") {
			replace = append(replace, text, name)
			return nil
		}
		return fmt.Errorf("want TEXT=IDP_URL or TEXT=API_URL")
	})
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() == 0 || *keystore == "" || *cert == "" || *iss == "" || *sub == "" {
		return errors.New("usage: testidp serve -keystore DIR -cert NAME -iss ISSUER -sub SUBJECT [flags] -- COMMAND [ARG...]")
	}
	c, err := exchange.Keystore{Dir: *keystore}.LoadCertificate(*cert)
	if err != nil {
		return err
	}
	pub, ok := c.PublicKey.(*rsa.PublicKey)
	if !ok {
		return fmt.Errorf("%s is not an RSA certificate", *cert)
	}
	srv, err := idp.Listen("127.0.0.1:0", idp.Options{})
	if err != nil {
		return err
	}
	defer srv.Close()
	srv.Trust(*iss, *sub, pub, *kid, strings.Fields(*scopes)...)
	srv.Withhold(strings.Fields(*withhold)...)
	srv.SetDelay(*delay)
	srv.SetExpiresIn(*expiresIn)
	if *refuseWith != "" {
		text, err := os.ReadFile(*refuseWith)
		if err != nil {
			return err
		}
		srv.RefuseWith(string(text))
	}
	res := srv.API()
	if *refuse != 0 {
		res.RefuseFirst(*refuse)
	}
	if *project != "" {
		urls := map[string]string{"IDP_URL": srv.URL, "API_URL": res.URL}
		pairs := []string{"IDP_URL", srv.URL, "API_URL", res.URL}
		for i := 0; i < len(replace); i += 2 {
			pairs = append(pairs, replace[i], urls[replace[i+1]])
		}
		restore, err := substituteAll(*project, strings.NewReplacer(pairs...))
		defer restore()
		if err != nil {
			return err
		}
	}
	cmd := exec.Command(fl.Arg(0), fl.Args()[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.WaitDelay = 10 * time.Second
	err = cmd.Run()
	fmt.Fprintf(os.Stderr, "testidp: %d token requests, %d tokens issued, %d API requests\n", srv.Requests(), srv.Issued(), res.Requests())
	return err
}

// substituteAll applies r to every regular file under dir, and returns a
// function that puts the files back as they were.
func substituteAll(dir string, r *strings.Replacer) (restore func(), err error) {
	saved := map[string][]byte{}
	restore = func() {
		for path, data := range saved {
			os.WriteFile(path, data, 0o644)
		}
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out := []byte(r.Replace(string(data)))
		if bytes.Equal(out, data) {
			return nil
		}
		saved[path] = data
		return os.WriteFile(path, out, 0o644)
	})
	return restore, err
}
