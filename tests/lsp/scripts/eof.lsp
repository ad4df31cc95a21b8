# Standard input closing ends the server: status 1 without shutdown (as exit
# without shutdown), even before initialize.
send {"jsonrpc": "2.0", "method": "initialized"}
close
exit 1
