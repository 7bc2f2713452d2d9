// The parts of CodeMirror 6 the playground uses, bundled into one ES
// module (../web/editor.js) by ./build.sh. The playground's own code, in
// ../web/play.js, imports from it.
export { EditorState, Compartment, StateEffect, StateField } from "@codemirror/state";
export { EditorView, Decoration, keymap, hoverTooltip, drawSelection, placeholder } from "@codemirror/view";
export { StreamLanguage, HighlightStyle, bracketMatching, syntaxHighlighting } from "@codemirror/language";
export {
  autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap,
  startCompletion, currentCompletions, completionStatus,
} from "@codemirror/autocomplete";
export { linter, lintKeymap, setDiagnostics, forceLinting } from "@codemirror/lint";
export { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
export { tags } from "@lezer/highlight";
