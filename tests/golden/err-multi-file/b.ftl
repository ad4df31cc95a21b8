realm s {
  module n {
    enum E: Int { A = 08 }
  }
}
