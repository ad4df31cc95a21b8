realm r {
  module m {
    +image "registry.example.com/shop:latest":"ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
    +image "x" : "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    verb v(Unit) Unit +image "y":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  }
}
