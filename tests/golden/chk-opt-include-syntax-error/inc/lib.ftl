module lib {
  data Item {
