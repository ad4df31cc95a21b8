realm r { module m { verb v(Unit) Unit +ingress http GET /a/{id}}
module n { verb w(Unit) Unit +ingress http GET /}}
