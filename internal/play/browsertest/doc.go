// Package browsertest drives the playground in a real browser: headless
// Chromium, through chromedp, against the page credscope play serves. Its
// tests build with the tag browser, so that go test ./... needs no
// browser:
//
//	go test -tags browser ./internal/play/browsertest
//
// Chromium is $CREDSCOPE_CHROMIUM, or /usr/bin/chromium (Debian's
// chromium package). Each test keeps a screenshot in $CREDSCOPE_ARTEFACTS,
// or in a temporary directory it names; -update-screenshot rewrites the
// README's docs/play.png.
package browsertest
