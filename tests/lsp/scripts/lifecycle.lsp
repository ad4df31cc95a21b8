# initialize answers with the capabilities; shutdown then exit ends with 0.
# Before initialize a request gets ServerNotInitialized and a notification
# is dropped; initialize may come once; after shutdown only exit is left.
send {"jsonrpc": "2.0", "id": 1, "method": "shutdown"}
expect {"jsonrpc": "2.0", "id": 1, "error": {"code": -32002, "message": "the server is not initialized yet"}}
send {"jsonrpc": "2.0", "method": "initialized", "params": {}}
send {"jsonrpc": "2.0", "id": 2, "method": "initialize",
      "params": {"processId": null, "rootUri": "${ROOT}", "capabilities": {}}}
expect {"jsonrpc": "2.0", "id": 2, "result": {
  "capabilities": {"positionEncoding": "utf-16", ${CAPS}},
  "serverInfo": {"name": "ftlc", "version": "${VERSION}"}}}
send {"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {"capabilities": {}}}
expect {"jsonrpc": "2.0", "id": 3, "error": {"code": -32600, "message": "initialize may be sent only once"}}
send {"jsonrpc": "2.0", "method": "initialized", "params": {}}
send {"jsonrpc": "2.0", "id": "s", "method": "shutdown"}
expect {"jsonrpc": "2.0", "id": "s", "result": null}
send {"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover",
      "params": {"textDocument": {"uri": "${ROOT}/a.ftl"}, "position": {"line": 0, "character": 0}}}
expect {"jsonrpc": "2.0", "id": 4, "error": {"code": -32600, "message": "the server is shut down: only exit is left"}}
send {"jsonrpc": "2.0", "method": "exit"}
exit 0
