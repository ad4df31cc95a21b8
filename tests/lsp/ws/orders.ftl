// Orders of the shop 🛒.
module orders {
  // An order: 注文.
  export data Order {
    item String +alias json "品物😀" status orders.Status
    account accounts.Account@bank
  }

  export enum Status: String {
    Open = "open"
    Closed = "closed"
  }

  config limit Int

  export topic placed orders.Order

  export verb place(orders.Order) Unit
    +calls accounts.balance@bank
    +publish orders.placed
    +config orders.limit
}
