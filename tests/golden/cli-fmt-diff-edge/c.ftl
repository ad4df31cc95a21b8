module c { }
