// Package formula is the front end of the Salesforce formula language as used
// in External Credential and Named Credential fields.
//
// It lexes and parses two kinds of input:
//
//   - a bare expression, such as IF(a, b, c), with [Parse];
//   - a credential field, which is static text with any number of {!expr}
//     segments, with [ParseTemplate].
//
// The grammar is declared with Participle (see GRAMMAR.md at the repository
// root for the EBNF, the lexical rules and the precedence table). The parser
// produces a flat operand/operator list that is folded into a tree of
// [Binary] and [Unary] nodes with Salesforce's precedence, where ^ binds
// looser than * and /.
//
// Every node carries its start and end [Pos]. Errors are [*Error] values in
// Salesforce's wording with a line:col position; an [ErrorList] renders each
// with its source line and a caret under the fault.
package formula
