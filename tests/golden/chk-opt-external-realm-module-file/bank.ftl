module payments {
}
