// The orders module.
//
//   Stand-alone.
module orders {
+git "r" "c"
config limit Int
secret key String
data Order { id Int }
verb place(Order) Unit +calls audit
verb audit(Order) Unit
}
