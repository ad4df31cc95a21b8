external realm bank {
}

realm bank {
}
