realm
r
{
module m{
verb v ( Unit ) Unit
+ calls a . b , c.d
+ retry 3 5s
+ subscribe m . t from = latest
data D < T > { x m . Page < T > ? + alias json "x" y { String : [ Int ] } }
enum E : Int { A = 1 B = 2 C 3 }
enum F { A String B m . D < Int > }
database
postgres
db
+
migration
sha256
:
0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
}
}
