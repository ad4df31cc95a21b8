# positionEncoding: utf-8 when the client offers it (in any place of its list),
# else utf-16, which every client must support.
send {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}",
  "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16", "utf-8"]}}}}
expect {"jsonrpc": "2.0", "id": 1, "result": {
  "capabilities": {"positionEncoding": "utf-8", ${CAPS}},
  "serverInfo": {"name": "ftlc", "version": "${VERSION}"}}}
include shutdown.inc
