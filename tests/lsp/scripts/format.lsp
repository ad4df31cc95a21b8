# Formatting: the edits turn the buffer into what `ftlc fmt` prints (here:
# the second field of line 4 goes on a line of its own), as changed lines only;
# range formatting keeps the edits that touch the range; a buffer that does
# not parse is left alone (null).
include init.inc
include open-orders.inc
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/formatting", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "options": {"tabSize": 2, "insertSpaces": true}}}
expect {"jsonrpc":"2.0","id":1,"result":[{"range":{"start":{"line":4,"character":0},"end":{"line":5,"character":0}},"newText":"    item String +alias json \"品物😀\"\n    status orders.Status\n"}]}
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/rangeFormatting", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "options": {"tabSize": 2, "insertSpaces": true},
  "range": {"start": {"line": 3, "character": 0}, "end": {"line": 4, "character": 10}}}}
expect {"jsonrpc":"2.0","id":2,"result":[{"range":{"start":{"line":4,"character":0},"end":{"line":5,"character":0}},"newText":"    item String +alias json \"品物😀\"\n    status orders.Status\n"}]}
send {"jsonrpc": "2.0", "id": 3, "method": "textDocument/rangeFormatting", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "options": {"tabSize": 2, "insertSpaces": true},
  "range": {"start": {"line": 9, "character": 0}, "end": {"line": 10, "character": 5}}}}
expect {"jsonrpc":"2.0","id":3,"result":[]}
# Badly indented and spaced lines elsewhere: each becomes its own edit.
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 2},
  "contentChanges": [{"range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 2}}, "text": "      "},
                     {"range": {"start": {"line": 19, "character": 12}, "end": {"line": 19, "character": 12}}, "text": "   "}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[],"version":2}}
send {"jsonrpc": "2.0", "id": 4, "method": "textDocument/formatting", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "options": {"tabSize": 2, "insertSpaces": true}}}
expect {"jsonrpc":"2.0","id":4,"result":[{"range":{"start":{"line":4,"character":0},"end":{"line":5,"character":0}},"newText":"    item String +alias json \"品物😀\"\n    status orders.Status\n"},{"range":{"start":{"line":13,"character":0},"end":{"line":14,"character":0}},"newText":"  config limit Int\n"},{"range":{"start":{"line":19,"character":0},"end":{"line":20,"character":0}},"newText":"    +publish orders.placed\n"}]}
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 3},
  "contentChanges": [{"range": {"start": {"line": 21, "character": 0}, "end": {"line": 21, "character": 1}}, "text": ""}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[{"range":{"start":{"line":1,"character":14},"end":{"line":1,"character":15}},"severity":1,"code":"E0209","source":"ftlc","message":"'{' after 'module orders' is never closed\nhelp: insert '}' at the end of the input","codeDescription":{"href":"man:ftlc-diagnostics(7)#E0209"},"relatedInformation":[{"location":{"uri":"${ROOT}/orders.ftl","range":{"start":{"line":22,"character":0},"end":{"line":22,"character":0}}},"message":"its '}' was expected here, at the end of the input"}]}],"version":3}}
send {"jsonrpc": "2.0", "id": 5, "method": "textDocument/formatting", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "options": {"tabSize": 2, "insertSpaces": true}}}
expect {"jsonrpc":"2.0","id":5,"result":null}
include shutdown.inc
