realm r {
  module m {
    //
    //   
    /// three slashes
    ////four
    //	leading tab
    //  trailing spaces   
    //	trailing tab	
    // // nested marker
    data D {}
  }
}
