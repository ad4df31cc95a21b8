# Protocol abuse: every message below is wrong in some way; each request gets a
# JSON-RPC error response (notifications are dropped, or logged when they name a
# document that is not open), and the server goes on serving.

# A body that is not JSON: Parse error, id null.
raw "Content-Length: 5\r\n\r\n{\"a\":"
expect {"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "unexpected token near end of file (at byte 5 of the message)"}}
# JSON that is not an object, or without "jsonrpc": "2.0": Invalid Request.
send [1, 2]
expect {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "a message must be a JSON object"}}
send {"jsonrpc": "1.0", "id": 7, "method": "initialize"}
expect {"jsonrpc": "2.0", "id": 7, "error": {"code": -32600, "message": "a message must have \"jsonrpc\": \"2.0\""}}
# An id that is neither an integer nor a string, params that are a number.
send {"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}
expect {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "a request needs a method, an integer or string id, and object or array params"}}
send {"jsonrpc": "2.0", "id": 8, "method": "shutdown", "params": 3}
expect {"jsonrpc": "2.0", "id": 8, "error": {"code": -32600, "message": "a request needs a method, an integer or string id, and object or array params"}}
# A header block without Content-Length; one far too long; a huge Content-Length
# whose body never comes: each frame is lost, the stream is not.
raw "Content-Type: application/vscode-jsonrpc\r\n\r\n{}"
expect {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "a header block without a valid Content-Length"}}
raw "Content-Length: 99999999999999\r\n\r\n{}"
expect {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "a message of 99999999999999 bytes; the limit is 67108864"}}
raw "Content-Length: 1e3\r\n\r\n{}"
expect {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "a header block without a valid Content-Length"}}

include init.inc

# An unknown request: Method not found; an unknown notification: dropped.
send {"jsonrpc": "2.0", "id": 2, "method": "textDocument/noSuchThing", "params": {}}
expect {"jsonrpc": "2.0", "id": 2, "error": {"code": -32601, "message": "unknown method 'textDocument/noSuchThing'"}}
send {"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "verbose"}}
send {"jsonrpc": "2.0", "method": "no/such/notification"}
# A notification sent as a request.
send {"jsonrpc": "2.0", "id": 3, "method": "exit"}
expect {"jsonrpc": "2.0", "id": 3, "error": {"code": -32600, "message": "'exit' is a notification: it takes no id"}}
# Notifications about documents that are not open, or malformed.
send {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/nope.ftl", "version": 2}, "contentChanges": [{"text": ""}]}}
expect {"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 1, "message": "textDocument/didChange: ${ROOT}/nope.ftl is not open (send textDocument/didOpen first)"}}
send {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {}}}
expect {"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 1, "message": "textDocument/didClose: params.textDocument.uri is missing"}}
send {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "ftl", "version": 1, "text": ""}}}
expect {"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 1, "message": "textDocument/didOpen: untitled:Untitled-1: not a file URI"}}
# A response to a request the server never sent: ignored.
send {"jsonrpc": "2.0", "id": 99, "result": null}
# Still serving.
include shutdown.inc
