realm r {
  module m {
    verb one(Unit) Unit +egress "https://api.example.com"
    verb several(Unit) Unit
      +egress "${url}","https://b.example.com" ,  "https://a.example.com/\"x\""
  }
}
