realm bank {
}
