realm r {}
realm s {

}
external realm x {}
