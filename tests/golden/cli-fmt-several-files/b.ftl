module b {config c Int}
