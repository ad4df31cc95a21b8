realm shop {
}

realm shop {
}
