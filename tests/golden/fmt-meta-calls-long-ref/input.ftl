realm r {
  module m {
    // 64 characters: 6 + 64 = 70 still fits after "+calls ".
    verb fits(Unit) Unit
      +calls notifications.sendEmailToCustomerAboutTheirOrderStatusChangeNowX
    // 65 characters: the line breaks right after "+calls".
    verb breaks(Unit) Unit
      +calls notifications.sendEmailToCustomerAboutTheirOrderStatusChangeNowXX
    verb second(Unit) Unit
      +calls m.a, notifications.sendEmailToCustomerAboutTheirOrderStatusChangeNowXX, m.b
  }
}
