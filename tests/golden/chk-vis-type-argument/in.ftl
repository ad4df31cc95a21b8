realm r {
  module m {
    export data Page<T> {
      items [T]
    }

    data P {
    }

    export data D {
      p m.Page<m.P>
    }
  }
}
