realm r {} junk
