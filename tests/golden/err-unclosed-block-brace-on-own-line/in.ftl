realm r
{
  module a
  {
    data D
    {
      x Int
    }
