external realm type {
  module class {
    export realm verb pass(Unit) Unit
  }
}

external realm import {
  module fun {
    export realm verb run(Unit) Unit
  }
}

external realm Go {
  module Lambda {
    export realm verb Call(Unit) Unit
  }
}
