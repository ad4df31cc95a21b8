build/main.stamp: \
  main.ftl \
  inc/lib.ftl \
  inc/base.ftl

inc/lib.ftl:

inc/base.ftl:
