realm r {
  module m {
    enum S: String {
      A String
    }

    enum F: Float {
    }

    enum B: Bool {
    }

    data D {
    }

    data X {
    }

    enum R: m.D {
      A m.X
    }

    enum E: String {
    }
  }
}
