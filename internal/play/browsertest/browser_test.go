//go:build browser

package browsertest

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite docs/play.png from the injection refusal test")

const seed = `IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")`

// The page under test, served by credscope play, the credscope it runs,
// and where screenshots go.
var (
	pageURL   string
	bin       string
	artefacts string
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

// run builds credscope, starts credscope play on a free port and runs the
// tests against it.
func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "credscope-browser")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	artefacts = os.Getenv("CREDSCOPE_ARTEFACTS")
	if artefacts == "" {
		if artefacts, err = os.MkdirTemp("", "credscope-screenshots"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	if err := os.MkdirAll(artefacts, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("screenshots:", artefacts)
	bin = filepath.Join(tmp, "credscope")
	build := exec.Command("go", "build", "-o", bin, "github.com/credscope/credscope/cmd/credscope")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building credscope:", err)
		return 1
	}
	play := exec.Command(bin, "play", "--addr", "127.0.0.1:0")
	out, err := play.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	play.Stderr = os.Stderr
	if err := play.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "credscope play:", err)
		return 1
	}
	defer func() {
		play.Process.Signal(os.Interrupt)
		play.Wait()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		fmt.Fprintln(os.Stderr, "credscope play printed no address:", err)
		return 1
	}
	// credscope play: http://127.0.0.1:PORT/ (Ctrl-C stops)
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "http://") {
		fmt.Fprintf(os.Stderr, "credscope play printed %q\n", line)
		return 1
	}
	pageURL = fields[2]
	return m.Run()
}

// browser starts a headless Chromium for one test and returns a tab's
// context.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	exe := os.Getenv("CREDSCOPE_CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	if _, err := os.Stat(exe); err != nil {
		t.Fatalf("no Chromium at %s (apt-get install -y chromium, or set CREDSCOPE_CHROMIUM): %v", exe, err)
	}
	// A fresh profile, removed once the browser is gone; Chromium may
	// still write to it as it exits, so that removal may leave files.
	profile, err := os.MkdirTemp("", "credscope-chromium")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(alloc, chromedp.WithErrorf(t.Logf))
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
		os.RemoveAll(profile)
	})
	return ctx
}

// open loads url and waits for the engine.
func open(url string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Navigate(url),
		chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery),
	}
}

// typeFormula replaces the editor's text by typing formula, key by key.
func typeFormula(formula string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Click(`.cm-content`, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(`.cm-content`, formula, chromedp.ByQuery),
		chromedp.Poll(fmt.Sprintf(`[...document.querySelectorAll('.cm-line')].map(l => l.textContent).join('\n') === %q`, formula),
			nil, chromedp.WithPollingTimeout(15*time.Second)),
	}
}

// setField replaces the value of the user's field name by typing.
func setField(name, value string) chromedp.Action {
	sel := fmt.Sprintf(`input[data-field=%q]`, name)
	return chromedp.Tasks{
		chromedp.Click(sel, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.SendKeys(sel, value, chromedp.ByQuery),
	}
}

// waitText waits until the text of the element sel is want.
func waitText(sel, want string) chromedp.Action {
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.textContent === %q; })()`, sel, want)
	return chromedp.Poll(js, nil, chromedp.WithPollingTimeout(15*time.Second))
}

// editorText returns the editor's text, line by line.
func editorText(text *string) chromedp.Action {
	return chromedp.Evaluate(`[...document.querySelectorAll('.cm-line')].map(l => l.textContent).join('\n')`, text)
}

// shot keeps a full-page screenshot of the test as name.png.
func shot(t *testing.T, name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var png []byte
		if err := chromedp.FullScreenshot(&png, 100).Do(ctx); err != nil {
			return err
		}
		path := filepath.Join(artefacts, name+".png")
		t.Logf("screenshot: %s", path)
		return os.WriteFile(path, png, 0o644)
	})
}

func TestSeedFormula(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	var text string
	err := chromedp.Run(ctx,
		open(pageURL),
		typeFormula(seed),
		editorText(&text),
		setField("$User.Department", "Service"),
		waitText("#result", "session:role:Service : Text"),
		waitText(`[data-credential="Support_Portal"] dd.composed`, "tickets.read session:role:Service"),
		shot(t, "seed-service"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if text != seed {
		t.Errorf("the editor holds %q, want the typed %q", text, seed)
	}
}

func TestInjectionRefusal(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	var msg, marked, around string
	err := chromedp.Run(ctx,
		open(pageURL),
		typeFormula(seed),
		setField("$User.Department", "Customer Service"),
		waitText("#result", "session:role:Customer Service : Text"),
		chromedp.WaitVisible(`[data-credential="Support_Portal"] .refusal mark`, chromedp.ByQuery),
		chromedp.Text(`[data-credential="Support_Portal"] .refusal p`, &msg, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('[data-credential="Support_Portal"] .refusal mark').textContent`, &marked),
		chromedp.Evaluate(`document.querySelector('[data-credential="Support_Portal"] .refusal .scope-text').textContent`, &around),
		chromedp.ScrollIntoView(`[data-credential="Support_Portal"] .refusal`, chromedp.ByQuery),
		shot(t, "injection-refusal"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, `scope of Support_Portal refused: $User.Department = "Customer Service" contains a space`) {
		t.Errorf("refusal message %q", msg)
	}
	if marked != " " || around != "session:role:Customer Service" {
		t.Errorf("marked %q in %q, want the space", marked, around)
	}
	if *updateScreenshot {
		var png []byte
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(1280, 1000), chromedp.ScrollIntoView(`h1`, chromedp.ByQuery), chromedp.FullScreenshot(&png, 100)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../../docs/play.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	var underlined, message, result string
	err := chromedp.Run(ctx,
		open(pageURL),
		typeFormula(`IF(TRUE, "a" "b")`),
		chromedp.Poll(`[...document.querySelectorAll('#errors li')].some(li => li.textContent.includes("Syntax error. Found"))`,
			nil, chromedp.WithPollingTimeout(15*time.Second)),
		chromedp.WaitVisible(`.cm-lintRange-error`, chromedp.ByQuery),
		chromedp.Text(`.cm-lintRange-error`, &underlined, chromedp.ByQuery),
		chromedp.Text(`#errors li`, &message, chromedp.ByQuery),
		chromedp.Text(`#result`, &result, chromedp.ByQuery),
		shot(t, "syntax-error"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if underlined != `"b"` {
		t.Errorf("underlined %q, want \"b\"", underlined)
	}
	if !strings.Contains(message, `formula:1:14: Syntax error. Found '"b"'`) || !strings.Contains(message, "^") {
		t.Errorf("message %q", message)
	}
	if !strings.HasPrefix(result, "error") {
		t.Errorf("result %q with an error", result)
	}
}

func TestCompletion(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	var options []string
	var doc, text string
	err := chromedp.Run(ctx,
		open(pageURL),
		typeFormula(`CONT`),
		chromedp.WaitVisible(`.cm-tooltip-autocomplete li`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('.cm-tooltip-autocomplete li .cm-completionLabel')].map(e => e.textContent)`, &options),
		chromedp.WaitVisible(`.cm-completionInfo`, chromedp.ByQuery),
		chromedp.Text(`.cm-completionInfo`, &doc, chromedp.ByQuery),
		shot(t, "completion"),
		chromedp.KeyEvent("\r"),
		editorText(&text),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(options) == 0 || options[0] != "CONTAINS" {
		t.Errorf("completions after CONT: %v, want CONTAINS first", options)
	}
	if !strings.Contains(doc, "TRUE") {
		t.Errorf("CONTAINS documented as %q", doc)
	}
	if text != "CONTAINS()" {
		t.Errorf("accepting the completion leaves %q", text)
	}
}

func TestShareLink(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	formula := `UPPER($User.Department) & " " & TEXT(NOW())`
	var link string
	err := chromedp.Run(ctx,
		open(pageURL),
		typeFormula(formula),
		setField("$User.Department", "Field Ops"),
		chromedp.SetValue(`#now`, "2026-03-04T05:06:07", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#now').dispatchEvent(new Event('input'))`, nil),
		waitText("#result", "FIELD OPS 2026-03-04 05:06:07Z : Text"),
		chromedp.Click(`#share`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('#share-link').value.includes('#s=')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Value(`#share-link`, &link, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(link, "svc-billing") || !strings.HasPrefix(link, pageURL) {
		t.Errorf("share link %q", link)
	}
	// A fresh browser, with nothing but the link.
	fresh := browser(t, 1280, 1000)
	var text, dept string
	err = chromedp.Run(fresh,
		open(link),
		waitText("#result", "FIELD OPS 2026-03-04 05:06:07Z : Text"),
		editorText(&text),
		chromedp.Value(`input[data-field="$User.Department"]`, &dept, chromedp.ByQuery),
		shot(t, "share-restored"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if text != formula || dept != "Field Ops" {
		t.Errorf("restored %q with Department %q", text, dept)
	}
}

// TestNarrowDark checks the page at 375 px wide in dark mode: nothing
// wider than the screen, and the dark colours in force.
func TestNarrowDark(t *testing.T) {
	ctx := browser(t, 375, 800)
	var scrollWidth int
	var bg string
	err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile),
		open(pageURL),
		typeFormula(seed),
		waitText("#result", "session:role:Sales : Text"),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg),
		shot(t, "narrow-dark"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if scrollWidth > 375 {
		t.Errorf("the page is %d px wide at 375", scrollWidth)
	}
	if bg != "rgb(13, 17, 23)" {
		t.Errorf("background %s in dark mode", bg)
	}
}

// TestKeyboard walks the page with Tab: the skip link first, then the
// editor, which Tab leaves again; and the explanation's lines take focus.
func TestKeyboard(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	active := func(s *string) chromedp.Action {
		return chromedp.Evaluate(`(() => { const a = document.activeElement; return a.id || a.className || a.tagName; })()`, s)
	}
	var first, afterSkip, afterEditor, outline string
	err := chromedp.Run(ctx,
		open(pageURL),
		chromedp.KeyEvent("\t"), active(&first),
		chromedp.KeyEvent("\r"),
		chromedp.Focus(`.cm-content`, chromedp.ByQuery), active(&afterSkip),
		chromedp.KeyEvent("\t"), active(&afterEditor),
		chromedp.Focus(`#tree summary`, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.activeElement).outlineStyle`, &outline),
		shot(t, "keyboard"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if first != "skip" {
		t.Errorf("the first Tab stop is %q, want the skip link", first)
	}
	if !strings.Contains(afterSkip, "cm-content") || strings.Contains(afterEditor, "cm-content") {
		t.Errorf("focus: %q in the editor, %q after Tab", afterSkip, afterEditor)
	}
	if outline == "none" {
		t.Error("a focused line of the explanation has no visible outline")
	}
}

// hoverOver moves the mouse to the middle of the element the JavaScript
// expression elem returns.
func hoverOver(elem string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var box []float64
		js := fmt.Sprintf(`(() => { const r = (%s).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`, elem)
		if err := chromedp.Evaluate(js, &box).Do(ctx); err != nil {
			return err
		}
		return input.DispatchMouseEvent(input.MouseMoved, box[0], box[1]).Do(ctx)
	})
}

// TestHoverAndExplain hovers a function for its documentation, and a line
// of "Why this value?" for its place in the formula; the branch IF did not
// take is greyed out in both.
func TestHoverAndExplain(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	var doc, pointed string
	var skippedLines, skippedInEditor int
	err := chromedp.Run(ctx,
		open(pageURL),
		typeFormula(seed),
		waitText("#result", "session:role:Sales : Text"),
		hoverOver(`[...document.querySelectorAll('.cm-line .tok-fn')].find(e => e.textContent === 'CONTAINS')`),
		chromedp.WaitVisible(`.cm-tooltip-hover .doc`, chromedp.ByQuery),
		chromedp.Text(`.cm-tooltip-hover .doc`, &doc, chromedp.ByQuery),
		shot(t, "hover-doc"),
		chromedp.ScrollIntoView(`#tree li li li summary`, chromedp.ByQuery),
		hoverOver(`document.querySelector('#tree li li li summary')`),
		chromedp.Poll(`!!document.querySelector('.cm-explained')`, nil, chromedp.WithPollingTimeout(15*time.Second)),
		chromedp.Evaluate(`[...document.querySelectorAll('.cm-explained')].map(e => e.textContent).join('')`, &pointed),
		chromedp.Evaluate(`[...document.querySelectorAll('#tree li.skipped')].filter(li => !li.parentElement.closest('li.skipped')).length`, &skippedLines),
		chromedp.Evaluate(`document.querySelectorAll('.cm-skipped').length`, &skippedInEditor),
		shot(t, "explain-pointed"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc, "CONTAINS(text Text, compare_text Text) Boolean") || !strings.Contains(doc, "Returns TRUE") {
		t.Errorf("hover documentation %q", doc)
	}
	if pointed != `CONTAINS($User.Department, "Sales")` {
		t.Errorf("the first line inside OR points at %q", pointed)
	}
	// For Sales: OR's second operand and IF's else branch were not computed.
	if skippedLines != 2 || skippedInEditor != 2 {
		t.Errorf("%d skipped lines in the tree, %d greyed spans in the editor", skippedLines, skippedInEditor)
	}
}

// TestPastedCredential pastes an ExternalCredential and picks it: its
// scope is composed for the user, and refused where a field's value would
// add a scope.
func TestPastedCredential(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>api region:{!$User.Division}</parameterValue>
    </externalCredentialParameters>
    <label>Ledger</label>
</ExternalCredential>`
	var shown []string
	var marked string
	err := chromedp.Run(ctx,
		open(pageURL),
		chromedp.Click(`#paste summary`, chromedp.ByQuery),
		chromedp.SetValue(`#paste-name`, "Ledger", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#paste-name').dispatchEvent(new Event('input'))`, nil),
		chromedp.SetValue(`#paste-xml`, xml, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#paste-xml').dispatchEvent(new Event('input'))`, nil),
		chromedp.WaitVisible(`[data-credential="Ledger"] .refusal mark`, chromedp.ByQuery),
		chromedp.SetValue(`#cred-pick`, "Ledger", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#cred-pick').dispatchEvent(new Event('change'))`, nil),
		chromedp.Evaluate(`[...document.querySelectorAll('#credentials [data-credential]')].map(e => e.dataset.credential)`, &shown),
		chromedp.Evaluate(`document.querySelector('[data-credential="Ledger"] .refusal .scope-text').textContent`, &marked),
		setField("$User.Division", "EMEA"),
		waitText(`[data-credential="Ledger"] dd.composed`, "api region:EMEA"),
		shot(t, "pasted-credential"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != 1 || shown[0] != "Ledger" {
		t.Errorf("picking Ledger shows %v", shown)
	}
	if marked != "api region:EMEA North" {
		t.Errorf("the refusal marks a character of %q", marked)
	}
}

// TestExportedCopy serves the static copy credscope play --export writes
// from a plain file server, as a static host would, and evaluates there.
func TestExportedCopy(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command(bin, "play", "--export", dir).CombinedOutput(); err != nil {
		t.Fatalf("credscope play --export: %v: %s", err, out)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx := browser(t, 1280, 1000)
	err := chromedp.Run(ctx,
		open(srv.URL+"/"),
		typeFormula(seed),
		setField("$User.Department", "Service"),
		waitText("#result", "session:role:Service : Text"),
		shot(t, "exported-copy"),
	)
	if err != nil {
		t.Fatal(err)
	}
}
