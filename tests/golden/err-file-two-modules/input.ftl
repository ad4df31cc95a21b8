module a {
}
module b {
}
