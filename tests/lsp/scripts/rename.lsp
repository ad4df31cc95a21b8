# Rename: prepareRename gives the name's range at the cursor (inside a
# qualified reference after CJK text and an emoji); rename edits every
# reference across files (the topic placed: orders.ftl and billing.ftl, which
# is not open); names that are not identifiers, reserved, taken in their
# scope, and symbols of a pinned external realm are refused.
include init.inc
include open-orders.inc
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/prepareRename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 4, "character": 50}}}
expect {"jsonrpc":"2.0","id":1,"result":{"range":{"start":{"line":4,"character":49},"end":{"line":4,"character":55}},"placeholder":"Status"}}
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 4, "character": 50}, "newName": "State"}}
expect {"jsonrpc":"2.0","id":2,"result":{"changes":{"${ROOT}/orders.ftl":[{"range":{"start":{"line":8,"character":14},"end":{"line":8,"character":20}},"newText":"State"},{"range":{"start":{"line":4,"character":49},"end":{"line":4,"character":55}},"newText":"State"}]}}}
send {"jsonrpc": "2.0", "id": 3, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 15, "character": 17}, "newName": "sent"}}
expect {"jsonrpc":"2.0","id":3,"result":{"changes":{"${ROOT}/orders.ftl":[{"range":{"start":{"line":15,"character":15},"end":{"line":15,"character":21}},"newText":"sent"},{"range":{"start":{"line":19,"character":20},"end":{"line":19,"character":26}},"newText":"sent"}],"${ROOT}/billing.ftl":[{"range":{"start":{"line":3,"character":22},"end":{"line":3,"character":28}},"newText":"sent"}]}}}
# On the module part of a reference: a module is not renamed.
send {"jsonrpc": "2.0", "id": 4, "method": "textDocument/prepareRename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 4, "character": 44}}}
expect {"jsonrpc":"2.0","id":4,"error":{"code":-32803,"message":"only declarations, fields, variants and type parameters can be renamed"}}
send {"jsonrpc": "2.0", "id": 5, "method": "textDocument/prepareRename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 22}}}
expect {"jsonrpc":"2.0","id":5,"error":{"code":-32803,"message":"'Account' is declared in the external realm bank, whose schema is pinned"}}
send {"jsonrpc": "2.0", "id": 6, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 15, "character": 17}, "newName": "9lives"}}
expect {"jsonrpc":"2.0","id":6,"error":{"code":-32803,"message":"'9lives' is not a name: names are letters, digits and '_', not starting with a digit"}}
send {"jsonrpc": "2.0", "id": 7, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 15, "character": 17}, "newName": "Placed"}}
expect {"jsonrpc":"2.0","id":7,"error":{"code":-32803,"message":"'Placed' cannot name a topic: topic names start with a lower-case letter"}}
send {"jsonrpc": "2.0", "id": 8, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 8, "character": 15}, "newName": "String"}}
expect {"jsonrpc":"2.0","id":8,"error":{"code":-32803,"message":"'String' is a primitive type's name"}}
send {"jsonrpc": "2.0", "id": 9, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 8, "character": 15}, "newName": "Order"}}
expect {"jsonrpc":"2.0","id":9,"error":{"code":-32803,"message":"'Order' is taken: another declaration of that scope has that name"}}
send {"jsonrpc": "2.0", "id": 10, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 5}, "newName": "item"}}
expect {"jsonrpc":"2.0","id":10,"error":{"code":-32803,"message":"'item' is taken: another member of that scope has that name"}}
# A field may take a name no sibling has.
send {"jsonrpc": "2.0", "id": 11, "method": "textDocument/rename", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 5}, "newName": "payer"}}
expect {"jsonrpc":"2.0","id":11,"result":{"changes":{"${ROOT}/orders.ftl":[{"range":{"start":{"line":5,"character":4},"end":{"line":5,"character":11}},"newText":"payer"}]}}}
include shutdown.inc
