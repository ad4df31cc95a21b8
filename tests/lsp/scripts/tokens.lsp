# Semantic tokens of billing.ftl, as relative (line, start, length, type,
# modifiers) quintuples; the legend is in the capabilities: keyword 0, type 1,
# function 2, struct 3, property 5, decorator 7, namespace 8, operator 12,
# event 15; modifiers declaration 1, defaultLibrary 2. A comment with an emoji
# and a reference after CJK text show UTF-16 lengths and starts.
include init.inc
send {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
  "uri": "${ROOT}/billing.ftl", "languageId": "ftl", "version": 1,
  "text": "// Billing 💶 of orders.\nmodule billing {\n  verb bill(orders.Order) Unit\n    +calls orders.place\n    +subscribe orders.placed from=beginning\n  data Note { text String +alias json \"注\" order orders.Order }\n}\n"}}}
expect {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"${ROOT}/billing.ftl","diagnostics":[],"version":1}}
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/semanticTokens/full", "params": {
  "textDocument": {"uri": "${ROOT}/billing.ftl"}}}
expect {"jsonrpc":"2.0","id":1,"result":{"data":[0,0,24,11,0,1,0,6,0,0,0,7,7,8,1,0,8,1,12,0,1,2,4,0,0,0,5,4,2,1,0,4,1,12,0,0,1,6,8,0,0,6,1,12,0,0,1,5,3,0,0,5,1,12,0,0,2,4,1,2,1,4,1,12,0,0,1,5,7,0,0,6,6,8,0,0,6,1,12,0,0,1,5,2,0,1,4,1,12,0,0,1,9,7,0,0,10,6,8,0,0,6,1,12,0,0,1,6,15,0,0,7,4,0,0,0,4,1,12,0,0,1,9,0,0,1,2,4,0,0,0,5,4,3,1,0,5,1,12,0,0,2,4,5,1,0,5,6,1,2,0,7,1,12,0,0,1,5,7,0,0,6,4,0,0,0,5,3,9,0,0,4,5,5,1,0,6,6,8,0,0,6,1,12,0,0,1,5,3,0,0,6,1,12,0,1,0,1,12,0]}}
include shutdown.inc
