module orders {
}
