# Diagnostics: published after didOpen, didChange, didSave and didClose, with
# UTF-16 columns after CJK text and an emoji; a quickfix per fix-it and
# source.fixAll; a change that breaks another file republishes that file's
# diagnostics, and a file that becomes clean gets an empty list; notes are
# related information; closing a buffer goes back to the file on disk.
include init.inc
include open-orders.inc
# A typo after CJK text and an emoji on line 4: "Status" becomes "Stazus"
# (UTF-16 character 52 is the 't' after "Sta": the emoji counts two units).
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 2},
  "contentChanges": [{"range": {"start": {"line": 4, "character": 52}, "end": {"line": 4, "character": 53}}, "text": "z"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[{"range":{"start":{"line":4,"character":42},"end":{"line":4,"character":55}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.Stazus\"\nhelp: did you mean 'orders.Status'?","codeDescription":{"href":"man:ftlc-diagnostics(7)#E0310"}}],"version":2}}
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/codeAction", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"},
  "range": {"start": {"line": 4, "character": 50}, "end": {"line": 4, "character": 50}}, "context": {"diagnostics": []}}}
expect {"jsonrpc":"2.0","id":1,"result":[{"title":"did you mean 'orders.Status'?","kind":"quickfix","diagnostics":[{"range":{"start":{"line":4,"character":42},"end":{"line":4,"character":55}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.Stazus\"\nhelp: did you mean 'orders.Status'?","codeDescription":{"href":"man:ftlc-diagnostics(7)#E0310"}}],"isPreferred":true,"edit":{"changes":{"${ROOT}/orders.ftl":[{"range":{"start":{"line":4,"character":42},"end":{"line":4,"character":55}},"newText":"orders.Status"}]}}},{"title":"Apply every fix-it","kind":"source.fixAll","edit":{"changes":{"${ROOT}/orders.ftl":[{"range":{"start":{"line":4,"character":42},"end":{"line":4,"character":55}},"newText":"orders.Status"}]}}}]}
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"},
  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}}
expect {"jsonrpc":"2.0","id":2,"result":[{"title":"Apply every fix-it","kind":"source.fixAll","edit":{"changes":{"${ROOT}/orders.ftl":[{"range":{"start":{"line":4,"character":42},"end":{"line":4,"character":55}},"newText":"orders.Status"}]}}}]}
# The topic loses a letter (and the typo is fixed in the same change):
# billing.ftl, which subscribes to the topic, breaks too.
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 3},
  "contentChanges": [{"range": {"start": {"line": 15, "character": 19}, "end": {"line": 15, "character": 20}}, "text": ""},
                     {"range": {"start": {"line": 4, "character": 52}, "end": {"line": 4, "character": 53}}, "text": "t"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[{"range":{"start":{"line":3,"character":15},"end":{"line":3,"character":28}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.placed\"\nhelp: did you mean 'orders.placd'?","codeDescription":{"href":"man:ftlc-diagnostics(7)#E0310"}}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[{"range":{"start":{"line":19,"character":13},"end":{"line":19,"character":26}},"severity":1,"code":"E0310","source":"ftlc","message":"unknown reference \"orders.placed\"\nhelp: did you mean 'orders.placd'?","codeDescription":{"href":"man:ftlc-diagnostics(7)#E0310"}}],"version":3}}
# Fixed again: both files get an empty list.
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl", "version": 4},
  "contentChanges": [{"range": {"start": {"line": 15, "character": 19}, "end": {"line": 15, "character": 19}}, "text": "e"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[],"version":4}}
# billing.ftl opened and its request type changed: E0416, with the topic's
# declaration in orders.ftl as related information.
send {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
  "uri": "${ROOT}/billing.ftl", "languageId": "ftl", "version": 7,
  "text": "module billing {\n  verb bill(orders.Order) Unit\n    +calls orders.place\n    +subscribe orders.placed from=beginning\n}\n"}}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[],"version":7}}
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
  "textDocument": {"uri": "${ROOT}/billing.ftl", "version": 8},
  "contentChanges": [{"range": {"start": {"line": 1, "character": 12}, "end": {"line": 1, "character": 24}}, "text": "Unit"}]}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[{"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":43}},"severity":1,"code":"E0416","source":"ftlc","message":"verb bill: request type Unit differs from subscription's event type orders.Order\nhelp: take the topic's event type: 'orders.Order'","codeDescription":{"href":"man:ftlc-diagnostics(7)#E0416"},"relatedInformation":[{"location":{"uri":"${ROOT}/orders.ftl","range":{"start":{"line":15,"character":22},"end":{"line":15,"character":34}}},"message":"the event type of topic placed is declared here"}]}],"version":8}}
# Saving orders.ftl republishes it; closing billing.ftl unsaved goes back to
# the file on disk, which is clean.
send {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "${ROOT}/orders.ftl"}}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/orders.ftl","diagnostics":[],"version":4}}
send {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "${ROOT}/billing.ftl"}}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[]}}
include shutdown.inc
