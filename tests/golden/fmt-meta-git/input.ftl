realm r {
  module clean {
    +git "https://example.com/shop.git" "4f2c9e1"
  }
  module dirty {
    +git "https://example.com/shop.git" "4f2c9e1" dirty
  }
  module escapes {
    +git "C:\\repos\\\"quoted\"" "tab\there\n"
  }
}
