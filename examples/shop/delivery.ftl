realm shop {
  // Delivery: ships paid orders with the shipping realm, whose gRPC services
  // were imported with `ftlc import` (../grpc). Checked together with shop.ftl
  // once the shipping realm is pinned (../README.md, section 4).
  module delivery {
    // Books the cheapest standard shipment for an order. The shipping realm's
    // types appear only in verbs that are not 'export realm'.
    verb ship(delivery.Parcel) shipping.Shipment@shipping
      +calls delivery.quote, shipping.createShipment@shipping

    verb quote(shipping.QuoteRequest@shipping) shipping.Quote@shipping
      +calls shipping.quoteShipment@shipping

    data Parcel {
      orderId String
      weightGrams Int
      postalCode String
    }
  }
}
