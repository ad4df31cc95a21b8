# Standard input closing after shutdown ends the server with status 0.
send {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
expect {"jsonrpc": "2.0", "id": 1, "result": {
  "capabilities": {"positionEncoding": "utf-16", ${CAPS}},
  "serverInfo": {"name": "ftlc", "version": "${VERSION}"}}}
send {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}
expect {"jsonrpc": "2.0", "id": 2, "result": null}
close
exit 0
