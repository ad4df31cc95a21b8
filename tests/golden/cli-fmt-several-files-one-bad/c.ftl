realm c {}
