realm r {
  module m {
    enum Status: String {
      // Waiting.
      Pending = "pending"
      //
      //   Finished.   
      Done = "done" // about Failed
      Failed = "failed"
    }
  }
}
