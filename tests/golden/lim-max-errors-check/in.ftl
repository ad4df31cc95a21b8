realm r {
  module m {
    data D0 {
      x Unknown0
    }

    data D1 {
      x Unknown1
    }

    data D2 {
      x Unknown2
    }

    data D3 {
      x Unknown3
    }

    data D4 {
      x Unknown4
    }

    data D5 {
      x Unknown5
    }

    data D6 {
      x Unknown6
    }

    data D7 {
      x Unknown7
    }

    data D8 {
      x Unknown8
    }

    data D9 {
      x Unknown9
    }

    data D10 {
      x Unknown10
    }

    data D11 {
      x Unknown11
    }

    data D12 {
      x Unknown12
    }

    data D13 {
      x Unknown13
    }

    data D14 {
      x Unknown14
    }

    data D15 {
      x Unknown15
    }

    data D16 {
      x Unknown16
    }

    data D17 {
      x Unknown17
    }

    data D18 {
      x Unknown18
    }

    data D19 {
      x Unknown19
    }

    data D20 {
      x Unknown20
    }

    data D21 {
      x Unknown21
    }

    data D22 {
      x Unknown22
    }

    data D23 {
      x Unknown23
    }

    data D24 {
      x Unknown24
    }

    data D25 {
      x Unknown25
    }

    data D26 {
      x Unknown26
    }

    data D27 {
      x Unknown27
    }

    data D28 {
      x Unknown28
    }

    data D29 {
      x Unknown29
    }

    data D30 {
      x Unknown30
    }

    data D31 {
      x Unknown31
    }

    data D32 {
      x Unknown32
    }

    data D33 {
      x Unknown33
    }

    data D34 {
      x Unknown34
    }

    data D35 {
      x Unknown35
    }

    data D36 {
      x Unknown36
    }

    data D37 {
      x Unknown37
    }

    data D38 {
      x Unknown38
    }

    data D39 {
      x Unknown39
    }

    data D40 {
      x Unknown40
    }

    data D41 {
      x Unknown41
    }

    data D42 {
      x Unknown42
    }

    data D43 {
      x Unknown43
    }

    data D44 {
      x Unknown44
    }

    data D45 {
      x Unknown45
    }

    data D46 {
      x Unknown46
    }

    data D47 {
      x Unknown47
    }

    data D48 {
      x Unknown48
    }

    data D49 {
      x Unknown49
    }

    data D50 {
      x Unknown50
    }

    data D51 {
      x Unknown51
    }

    data D52 {
      x Unknown52
    }

    data D53 {
      x Unknown53
    }

    data D54 {
      x Unknown54
    }

    data D55 {
      x Unknown55
    }

    data D56 {
      x Unknown56
    }

    data D57 {
      x Unknown57
    }

    data D58 {
      x Unknown58
    }

    data D59 {
      x Unknown59
    }

    data D60 {
      x Unknown60
    }

    data D61 {
      x Unknown61
    }

    data D62 {
      x Unknown62
    }

    data D63 {
      x Unknown63
    }

    data D64 {
      x Unknown64
    }

    data D65 {
      x Unknown65
    }

    data D66 {
      x Unknown66
    }

    data D67 {
      x Unknown67
    }

    data D68 {
      x Unknown68
    }

    data D69 {
      x Unknown69
    }

    data D70 {
      x Unknown70
    }

    data D71 {
      x Unknown71
    }

    data D72 {
      x Unknown72
    }

    data D73 {
      x Unknown73
    }

    data D74 {
      x Unknown74
    }

    data D75 {
      x Unknown75
    }

    data D76 {
      x Unknown76
    }

    data D77 {
      x Unknown77
    }

    data D78 {
      x Unknown78
    }

    data D79 {
      x Unknown79
    }

    data D80 {
      x Unknown80
    }

    data D81 {
      x Unknown81
    }

    data D82 {
      x Unknown82
    }

    data D83 {
      x Unknown83
    }

    data D84 {
      x Unknown84
    }

    data D85 {
      x Unknown85
    }

    data D86 {
      x Unknown86
    }

    data D87 {
      x Unknown87
    }

    data D88 {
      x Unknown88
    }

    data D89 {
      x Unknown89
    }

    data D90 {
      x Unknown90
    }

    data D91 {
      x Unknown91
    }

    data D92 {
      x Unknown92
    }

    data D93 {
      x Unknown93
    }

    data D94 {
      x Unknown94
    }

    data D95 {
      x Unknown95
    }

    data D96 {
      x Unknown96
    }

    data D97 {
      x Unknown97
    }

    data D98 {
      x Unknown98
    }

    data D99 {
      x Unknown99
    }

    data D100 {
      x Unknown100
    }

    data D101 {
      x Unknown101
    }

    data D102 {
      x Unknown102
    }

    data D103 {
      x Unknown103
    }

    data D104 {
      x Unknown104
    }

    data D105 {
      x Unknown105
    }

    data D106 {
      x Unknown106
    }

    data D107 {
      x Unknown107
    }

    data D108 {
      x Unknown108
    }

    data D109 {
      x Unknown109
    }

    data D110 {
      x Unknown110
    }

    data D111 {
      x Unknown111
    }

    data D112 {
      x Unknown112
    }

    data D113 {
      x Unknown113
    }

    data D114 {
      x Unknown114
    }

    data D115 {
      x Unknown115
    }

    data D116 {
      x Unknown116
    }

    data D117 {
      x Unknown117
    }

    data D118 {
      x Unknown118
    }

    data D119 {
      x Unknown119
    }

    data D120 {
      x Unknown120
    }

    data D121 {
      x Unknown121
    }

    data D122 {
      x Unknown122
    }

    data D123 {
      x Unknown123
    }

    data D124 {
      x Unknown124
    }

    data D125 {
      x Unknown125
    }

    data D126 {
      x Unknown126
    }

    data D127 {
      x Unknown127
    }

    data D128 {
      x Unknown128
    }

    data D129 {
      x Unknown129
    }

  }
}
