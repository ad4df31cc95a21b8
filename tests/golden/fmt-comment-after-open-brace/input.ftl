realm r { // about module m
  module m { // about D
    data D { // about x
      x Int
    }
    enum E { // about A
      A String
    }
  }
}
