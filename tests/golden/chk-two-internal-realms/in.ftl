realm a {
}

realm b {
}
