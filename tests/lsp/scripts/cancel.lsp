# $/cancelRequest: a request still waiting when its cancel arrives is answered
# with RequestCancelled; a cancel for a request already answered, or for an id
# never sent, changes nothing.
include init.inc
batch
send {"jsonrpc": "2.0", "id": 5, "method": "textDocument/noSuchThing"}
send {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 5}}
send {"jsonrpc": "2.0", "id": "six", "method": "textDocument/noSuchThing"}
send {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": "six"}}
send {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 12345}}
end
expect {"jsonrpc": "2.0", "id": 5, "error": {"code": -32800, "message": "the request was cancelled"}}
expect {"jsonrpc": "2.0", "id": "six", "error": {"code": -32800, "message": "the request was cancelled"}}
send {"jsonrpc": "2.0", "id": 7, "method": "textDocument/noSuchThing"}
expect {"jsonrpc": "2.0", "id": 7, "error": {"code": -32601, "message": "unknown method 'textDocument/noSuchThing'"}}
send {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 7}}
include shutdown.inc
