# Navigation: definition (into the pinned realm's cached schema under
# .ftl/realms, and on a declaration's own name), references across files and
# realms, documentHighlight, hover (canonical text with its comment), the
# document's symbols as a tree, and workspace symbols.
include init.inc
include open-orders.inc
# accounts.Account@bank (line 5): declared in bank's cached schema.
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 22}}}
expect {"jsonrpc":"2.0","id":1,"result":{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":4,"character":22},"end":{"line":4,"character":29}}}}
# On the name of a declaration (Status, line 8): the declaration itself.
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 8, "character": 15}}}
expect {"jsonrpc":"2.0","id":2,"result":{"uri":"${ROOT}/orders.ftl","range":{"start":{"line":8,"character":14},"end":{"line":8,"character":20}}}}
# Nothing there (a blank line): null.
send {"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 7, "character": 0}}}
expect {"jsonrpc":"2.0","id":3,"result":null}
# Every reference to bank's Account: here, and in bank's own schema.
send {"jsonrpc": "2.0", "id": 4, "method": "textDocument/references", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 22},
  "context": {"includeDeclaration": true}}}
expect {"jsonrpc":"2.0","id":4,"result":[{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":4,"character":22},"end":{"line":4,"character":29}}},{"uri":"${ROOT}/orders.ftl","range":{"start":{"line":5,"character":12},"end":{"line":5,"character":33}}},{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":10,"character":30},"end":{"line":10,"character":46}}},{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":10,"character":48},"end":{"line":10,"character":64}}},{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":12,"character":28},"end":{"line":12,"character":44}}}]}
# References to the topic placed, without its declaration: orders.ftl and billing.ftl.
send {"jsonrpc": "2.0", "id": 5, "method": "textDocument/references", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 19, "character": 20},
  "context": {"includeDeclaration": false}}}
expect {"jsonrpc":"2.0","id":5,"result":[{"uri":"${ROOT}/billing.ftl","range":{"start":{"line":3,"character":15},"end":{"line":3,"character":28}}},{"uri":"${ROOT}/orders.ftl","range":{"start":{"line":19,"character":13},"end":{"line":19,"character":26}}}]}
send {"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentHighlight", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 19, "character": 20}}}
expect {"jsonrpc":"2.0","id":6,"result":[{"range":{"start":{"line":15,"character":15},"end":{"line":15,"character":21}},"kind":3},{"range":{"start":{"line":19,"character":13},"end":{"line":19,"character":26}},"kind":2}]}
send {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 22}}}
expect {"jsonrpc":"2.0","id":7,"result":{"contents":{"kind":"markdown","value":"```ftl\n// An account.\nexport realm data Account {\n  id String\n  owner String\n}\n```\nin module accounts of realm bank (external)"},"range":{"start":{"line":5,"character":12},"end":{"line":5,"character":33}}}}
# A verb's hover: its metadata in canonical order, references qualified.
send {"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 17, "character": 15}}}
expect {"jsonrpc":"2.0","id":8,"result":{"contents":{"kind":"markdown","value":"```ftl\nexport verb place(orders.Order) Unit\n  +calls accounts.balance@bank\n  +config orders.limit\n  +publish orders.placed\n```\nin module orders of realm shop"},"range":{"start":{"line":17,"character":14},"end":{"line":17,"character":19}}}}
# A field: its type.
send {"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 5, "character": 5}}}
expect {"jsonrpc":"2.0","id":9,"result":{"contents":{"kind":"markdown","value":"```ftl\naccount accounts.Account@bank\n```\nfield of data orders.Order"},"range":{"start":{"line":5,"character":4},"end":{"line":5,"character":11}}}}
send {"jsonrpc": "2.0", "id": 10, "method": "textDocument/documentSymbol", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}}}
expect {"jsonrpc":"2.0","id":10,"result":[{"name":"orders","kind":2,"range":{"start":{"line":0,"character":0},"end":{"line":21,"character":1}},"selectionRange":{"start":{"line":1,"character":7},"end":{"line":1,"character":13}},"children":[{"name":"Order","kind":23,"range":{"start":{"line":2,"character":2},"end":{"line":6,"character":3}},"selectionRange":{"start":{"line":3,"character":14},"end":{"line":3,"character":19}},"children":[{"name":"item","kind":8,"range":{"start":{"line":4,"character":4},"end":{"line":4,"character":34}},"selectionRange":{"start":{"line":4,"character":4},"end":{"line":4,"character":8}},"children":[],"detail":"String"},{"name":"status","kind":8,"range":{"start":{"line":4,"character":35},"end":{"line":4,"character":55}},"selectionRange":{"start":{"line":4,"character":35},"end":{"line":4,"character":41}},"children":[],"detail":"orders.Status"},{"name":"account","kind":8,"range":{"start":{"line":5,"character":4},"end":{"line":5,"character":33}},"selectionRange":{"start":{"line":5,"character":4},"end":{"line":5,"character":11}},"children":[],"detail":"accounts.Account@bank"}],"detail":"data Order"},{"name":"Status","kind":10,"range":{"start":{"line":8,"character":2},"end":{"line":11,"character":3}},"selectionRange":{"start":{"line":8,"character":14},"end":{"line":8,"character":20}},"children":[{"name":"Open","kind":22,"range":{"start":{"line":9,"character":4},"end":{"line":9,"character":17}},"selectionRange":{"start":{"line":9,"character":4},"end":{"line":9,"character":8}},"children":[],"detail":"Open = \"open\""},{"name":"Closed","kind":22,"range":{"start":{"line":10,"character":4},"end":{"line":10,"character":21}},"selectionRange":{"start":{"line":10,"character":4},"end":{"line":10,"character":10}},"children":[],"detail":"Closed = \"closed\""}],"detail":"enum Status: String"},{"name":"limit","kind":13,"range":{"start":{"line":13,"character":2},"end":{"line":13,"character":18}},"selectionRange":{"start":{"line":13,"character":9},"end":{"line":13,"character":14}},"children":[],"detail":"config limit Int"},{"name":"placed","kind":24,"range":{"start":{"line":15,"character":2},"end":{"line":15,"character":34}},"selectionRange":{"start":{"line":15,"character":15},"end":{"line":15,"character":21}},"children":[],"detail":"topic placed orders.Order"},{"name":"place","kind":12,"range":{"start":{"line":17,"character":2},"end":{"line":20,"character":24}},"selectionRange":{"start":{"line":17,"character":14},"end":{"line":17,"character":19}},"children":[],"detail":"verb place(orders.Order) Unit"}],"detail":"module orders"}]}
send {"jsonrpc": "2.0", "id": 11, "method": "workspace/symbol", "params": {"query": "bal"}}
expect {"jsonrpc":"2.0","id":11,"result":[{"name":"balance","kind":12,"location":{"uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":9,"character":4},"end":{"line":10,"character":64}}},"containerName":"accounts@bank"}]}
include shutdown.inc
