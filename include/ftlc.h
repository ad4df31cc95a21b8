/* ftlc.h - placeholder */
#ifndef FTLC_H
#define FTLC_H
#endif
