# Call hierarchy over +calls: orders.place is called by billing.bill and calls
# bank's accounts.balance (a pinned realm); balance is called by place and by
# bank's own audit. Items come back from the client and are found again by
# their place.
include init.inc
include open-orders.inc
send {"jsonrpc": "2.0", "id": 1, "method": "textDocument/prepareCallHierarchy", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 17, "character": 15}}}
expect {"jsonrpc":"2.0","id":1,"result":[{"name":"place","kind":12,"detail":"verb place(orders.Order) Unit","uri":"${ROOT}/orders.ftl","range":{"start":{"line":17,"character":2},"end":{"line":20,"character":24}},"selectionRange":{"start":{"line":17,"character":14},"end":{"line":17,"character":19}}}]}
send {"jsonrpc": "2.0", "id": 2, "method": "callHierarchy/incomingCalls", "params": {"item":
  {"name": "place", "kind": 12, "detail": "verb place(orders.Order) Unit", "uri": "${ROOT}/orders.ftl",
   "range": {"start": {"line": 17, "character": 2}, "end": {"line": 20, "character": 24}},
   "selectionRange": {"start": {"line": 17, "character": 14}, "end": {"line": 17, "character": 19}}}}}
expect {"jsonrpc":"2.0","id":2,"result":[{"from":{"name":"bill","kind":12,"detail":"verb bill(orders.Order) Unit","uri":"${ROOT}/billing.ftl","range":{"start":{"line":1,"character":2},"end":{"line":3,"character":43}},"selectionRange":{"start":{"line":1,"character":7},"end":{"line":1,"character":11}}},"fromRanges":[{"start":{"line":2,"character":11},"end":{"line":2,"character":23}}]}]}
send {"jsonrpc": "2.0", "id": 3, "method": "callHierarchy/outgoingCalls", "params": {"item":
  {"name": "place", "kind": 12, "detail": "verb place(orders.Order) Unit", "uri": "${ROOT}/orders.ftl",
   "range": {"start": {"line": 17, "character": 2}, "end": {"line": 20, "character": 24}},
   "selectionRange": {"start": {"line": 17, "character": 14}, "end": {"line": 17, "character": 19}}}}}
expect {"jsonrpc":"2.0","id":3,"result":[{"to":{"name":"balance","kind":12,"detail":"verb balance(accounts.Account) accounts.Account","uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":9,"character":4},"end":{"line":10,"character":64}},"selectionRange":{"start":{"line":10,"character":22},"end":{"line":10,"character":29}}},"fromRanges":[{"start":{"line":18,"character":11},"end":{"line":18,"character":32}}]}]}
# bank's balance, in the realm's cached schema (not open: found through the session).
send {"jsonrpc": "2.0", "id": 4, "method": "callHierarchy/incomingCalls", "params": {"item":
  {"name": "balance", "kind": 12, "uri": "${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl",
   "range": {"start": {"line": 9, "character": 4}, "end": {"line": 10, "character": 64}},
   "selectionRange": {"start": {"line": 10, "character": 22}, "end": {"line": 10, "character": 29}}}}}
expect {"jsonrpc":"2.0","id":4,"result":[{"from":{"name":"place","kind":12,"detail":"verb place(orders.Order) Unit","uri":"${ROOT}/orders.ftl","range":{"start":{"line":17,"character":2},"end":{"line":20,"character":24}},"selectionRange":{"start":{"line":17,"character":14},"end":{"line":17,"character":19}}},"fromRanges":[{"start":{"line":18,"character":11},"end":{"line":18,"character":32}}]},{"from":{"name":"audit","kind":12,"detail":"verb audit(accounts.Account) Unit","uri":"${ROOT}/.ftl/realms/bank/0123456789abcdef0123456789abcdef01234567.ftl","range":{"start":{"line":12,"character":4},"end":{"line":13,"character":29}},"selectionRange":{"start":{"line":12,"character":22},"end":{"line":12,"character":27}}},"fromRanges":[{"start":{"line":13,"character":13},"end":{"line":13,"character":29}}]}]}
# Not a verb: no item.
send {"jsonrpc": "2.0", "id": 5, "method": "textDocument/prepareCallHierarchy", "params": {
  "textDocument": {"uri": "${ROOT}/orders.ftl"}, "position": {"line": 8, "character": 15}}}
expect {"jsonrpc":"2.0","id":5,"result":null}
# An item whose verb is gone.
send {"jsonrpc": "2.0", "id": 6, "method": "callHierarchy/outgoingCalls", "params": {"item":
  {"name": "place", "kind": 12, "uri": "${ROOT}/orders.ftl",
   "range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}},
   "selectionRange": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}}}}}
expect {"jsonrpc":"2.0","id":6,"error":{"code":-32801,"message":"the verb is no longer there"}}
include shutdown.inc
