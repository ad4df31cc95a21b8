realm a {} realm b {}
