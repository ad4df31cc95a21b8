realm r {
  module m {
    // A reference longer than 64 characters breaks the line right after the keyword.
    verb v(Unit) Unit
      +config configuration.maximumNumberOfConcurrentOrderPlacementsPerCustomer
      +secrets credentials.paymentProviderApiKeyForTheProductionEnvironmentOfShop
      +database uses databases.theDatabaseHoldingAllOrdersAndTheirLineItemsForTheShop1
      +publish notifications.orderStatusChangedEventsForAllTheDownstreamConsumers
  }
}
