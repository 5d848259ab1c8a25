/**
 * The curated ASN → network type table Rampart maintains. Written by the project from public knowledge of
 * who runs which network (company pages, PeeringDB-style facts), not copied from any third-party list.
 * It covers the networks that matter most: the big clouds, VPS, colocation and CDN providers, and the big
 * eyeball ISPs and mobile carriers of each region, whose names the organisation-name rules would get wrong
 * ("Comcast Cable", "Deutsche Telekom", "China Telecom"). Mixed networks are classed by what their client
 * traffic mostly is: an eyeball ISP that also runs data centres (China Telecom 4134) stays residential.
 * Users override any entry with `enrich.networkTypes`.
 */
import type { NetworkType } from '../../event/enriched-event.js';

export const CURATED_ASNS: Readonly<Partial<Record<NetworkType, readonly number[]>>> = {
  hosting: [
    // Amazon / AWS
    16509, 14618, 8987, 38895, 7224, 10124, 17493, 58588, 62785, 39111,
    // Google, Google Cloud
    15169, 396982, 19527, 36040, 36492, 43515, 139070, 36384, 36385, 22577,
    // Microsoft / Azure
    8075, 8068, 8069, 8070, 8071, 12076, 3598, 58593, 59067,
    // Cloudflare
    13335, 209242, 395747, 132892, 202623, 203898, 14789,
    // Akamai, Linode
    20940, 16625, 32787, 12222, 21342, 16702, 18680, 18717, 23454, 23455, 33905, 34164, 35994, 35993, 43639, 31107,
    63949, 48337, 31109, 31110, 20189,
    // Fastly, Edgio/Limelight, StackPath/Highwinds, CDN77/Datacamp, BunnyCDN, G-Core, CDNetworks, Imperva, Sucuri
    54113, 22822, 33438, 20446, 60068, 200325, 199524, 202422, 36408, 19551, 30148, 62597,
    // Oracle, IBM/SoftLayer, Rackspace, Salesforce/Heroku-adjacent
    31898, 7160, 33517, 36351, 19994, 27357, 33070, 39921, 14340,
    // Alibaba, Tencent, Huawei Cloud, Baidu, UCloud, Kingsoft, JD Cloud, ByteDance/Volcengine
    45102, 37963, 24429, 134963, 45103, 45104, 45090, 132203, 132591, 136907, 55990, 131444, 38365, 55967, 135377,
    59019, 131486, 137718, 138699, 396986,
    // DigitalOcean, Vultr/Choopa, OVHcloud, Hetzner, Scaleway, Contabo, UpCloud, Exoscale
    14061, 62567, 393406, 394362, 200130, 201229, 202018, 202109, 205301, 46652, 20473, 64515, 16276, 35540, 24940,
    213230, 212317, 12876, 51167, 40021, 141995, 202053, 25697, 61098,
    // Leaseweb
    60781, 16265, 28753, 59253, 7203, 19148, 30633, 38731, 133752,
    // IONOS/1&1, Strato, Hostinger, GoDaddy, Host Europe, Newfold/Bluehost, DreamHost, Namecheap, A2, Liquid Web
    8560, 6724, 47583, 204915, 26496, 398101, 44273, 20773, 46606, 26347, 22612, 55293, 32244, 53824,
    // Equinix Metal, Zenlayer, M247, Psychz, QuadraNet, ColoCrossing, Hurricane Electric
    54825, 21859, 9009, 40676, 8100, 36352, 6939,
    // US VPS and dedicated: FranTech, HostHatch, Sharktech, Hostwinds, InMotion, WebNX, Nocix, Tzulo,
    // Hivelocity, Limestone, Steadfast, SingleHop, Multacom, DediPath, Krypt, Joe's DC, ServerMania, iWeb,
    // GigeNET, Enzu, ReliableSite, Input Output Flood, FDCservers, Total Server Solutions, Secured Servers
    53667, 63473, 46844, 54290, 22611, 18450, 33387, 29802, 46475, 32748, 32475, 35916, 35913, 35908, 19969, 55286,
    32613, 32181, 18978, 23470, 30058, 46562, 20454, 62904, 8001, 25820, 54600, 29838,
    // Europe: Selectel, Timeweb, REG.RU, Beget, Yandex (search + cloud), VK Cloud, netcup, PlusServer, myLoc,
    // GHOSTnet, Hetzner FI, TransIP, WorldStream, NForce, Serverius, Ikoula, Gandi, Aruba, home.pl, UK-2,
    // iomart, Memset, Fasthosts, Cherry Servers, Voxility, Stark Industries, Aeza, HOSTKEY, AlexHost,
    // DDoS-Guard, Clouvider, GleSYS, Bahnhof hosting, Anexia, Hosteurope, EDIS, Dataclub, Melbikomas
    49505, 50340, 9123, 197695, 198610, 13238, 200350, 47764, 197540, 61157, 24961, 20857, 49981, 43350, 50673, 21409,
    29169, 31034, 12824, 20860, 39572, 29550, 44477, 210644, 57043, 200019, 57724, 62240, 42473, 47544, 57169, 52048,
    206264, 209588, 51396, 48282, 58061,
    // Apac: Sakura, GMO, IDC Frontier, KDDI Web, Linode JP, Naver Cloud, Vocus DC, Zappie, BizNet, IPTP,
    // Tencent/Alibaba intl, Hostinger ID, Vietnam VNG Cloud
    9370, 7684, 7506, 9371, 23576, 38001, 63199, 139341, 140096, 38136, 45576,
    // Latin America: Locaweb, UOL Diveo, KingHost, Equinix BR, Ascenty
    27715, 7162, 53161, 262287, 263812,
    // Platforms whose own address space sends server traffic: Meta, Apple, Twitter/X, Netflix, GitHub, Zscaler,
    // Yahoo, Internet Archive, Hulu, Network Solutions
    32934, 63293, 714, 6185, 13414, 2906, 40027, 36459, 62044, 22616, 53813, 10310, 26101, 36647, 7941, 23286, 19871,
    // Added from the project's knowledge of smaller hosting, VPS, colocation and platform operators, each
    // checked against its organisation name in the bundled data. US and Canada: CNSERVERS, VolumeDrive,
    // WholeSale Internet, HostDime, Servers.com, Interserver, HostUS, Flexential, Tier.Net, IOFlood, VegasNAP,
    // GTHost, Latitude.sh, Wowrack, Aptum, InMotion, QuickPacket, NetActuate, EGIHosting, CariNet, DataWagon,
    // DEFT, Rethem, Network Solutions, eSecureData, Confluence, Leaseweb USA, Psychz, WestHost, Eonix, Gigas,
    // Kamatera, Take 2, Liquid Web, FranTech, Shock Hosting, H4Y, BL Networks, 24 Shells, Nodes Direct,
    // AxcelX, Data Ideas, ColoUp, Amanah, NYI, TeraSwitch, IHNetworks, Tech Futures, Reflected, DirectSpace,
    // Strong Technology, PrivateSystems, Expedient, LightEdge, Ntirety, HugeServer, Webzilla, Rackdog,
    // Blazing SEO, phoenixNAP, eStruxture, GoDaddy, Handy Networks, DediPath, IP Connect
    40065, 46664, 32097, 33182, 7979, 19318, 7489, 13649, 397423, 53755, 36114, 63023, 396356, 23033, 13768, 3842,
    46261, 36236, 18779, 54500, 10439, 27176, 23352, 14987, 19871, 11831, 40034, 394380, 395954, 40676, 29854, 62904,
    27640, 36007, 20248, 36444, 53667, 395092, 397373, 399629, 55081, 19531, 33083, 398355, 19084, 32489, 11403, 20326,
    33494, 394256, 29789, 46816, 22781, 62651, 63410, 17054, 11320, 20021, 25780, 40824, 398465, 397630, 60558, 10929,
    31815, 30475, 35913, 213373,
    // Europe: Hydra, Liteserver, PacketHub (NordVPN), Host Europe/velia, Equinix EMEA, Global Layer, dataforest,
    // Crea Nova, Blix, Melbikomas, Nine, Infomaniak, all-inkl, Mittwald, Keyweb, noris, firstcolo, meerfarbig,
    // rh-tec, Artfiles, Tilaa, Greenhost, NovoServe, UK-2, iomart/Bytemark, Pulsant, Mythic Beasts,
    // Rackspace UK, o2switch, GleSYS, RU-CENTER, Sprinthost, SpaceWeb, VK, Hosting Ukraine, nazwa.pl, MasterDC,
    // WEDOS, Voxility, Cyberzone (Surfshark), Host Baltic, Globalhost, MEVSPACE, IP Volume, Green Floid,
    // Baxet, BlueVPS, Belcloud, ServerAstra, Unmanaged, Comvive, i3D.net, Host Sailor, UK Dedicated Servers,
    // Trabia, AlexHost, KPROHOST, IST, PIN, atom86, Gigahost, HostSlim, Media Land, GIS, Techoff, INTERNET CZ,
    // DGN, Dailymotion, Blacknight, HERN Labs, Seflow, Biterika, Digital Space, AltusHost, MIRhosting,
    // HOSTKEY, Cherry Servers, First Server, VEESP, Driftnet
    25369, 60404, 136787, 207137, 147049, 30083, 21501, 8972, 34011, 15830, 49453, 57172, 58212, 51765, 50304, 56630,
    8849, 29691, 29222, 34788, 15817, 31103, 12337, 31400, 44066, 29066, 34549, 25560, 8893, 196752, 47172, 24875,
    13213, 35425, 12703, 44684, 15395, 50474, 42708, 43948, 48287, 35278, 44112, 47541, 200000, 15967, 24971, 197019,
    3223, 39743, 209854, 209605, 200698, 201814, 202425, 204957, 59729, 15626, 51659, 49392, 62005, 44901, 56322, 47890,
    39020, 49544, 60117, 42831, 43289, 200019, 214940, 61272, 34665, 8455, 56655, 207083, 206728, 207713, 48090, 24806,
    43260, 41690, 39122, 205016, 49367, 35048, 8607, 51430, 52000, 50867, 204770, 16125, 59642, 35196, 43317, 211298,
    // Asia-Pacific, Middle East, Africa, Latin America: Chang Way, BGP Network, DXTL, xTom, DMIT, IDC Frontier,
    // KAGOYA, KINX, ChinaNet IDC Beijing, Netmagic, CtrlS, Web Werks, Micron21, Host Universal, Gigabit
    // Hosting, ASLINE, Gigabitbank, Lightlayer, YISU, NewMedia Express, SG.GS, Anchnet, Misaka, Mammoth,
    // Luogelang, Sefroyek, xneelo, Equinix Brasil, Digitcenter
    57523, 64050, 134548, 134175, 3258, 3214, 9312, 906, 4694, 24282, 9286, 23724, 17439, 18229, 133296, 38880, 136557,
    55720, 18013, 136933, 139646, 142403, 38001, 24482, 58879, 35487, 133159, 135097, 48715, 37153, 16397, 265580,
    // More, checked the same way: Layerstack, GSL Networks, Adcdata, BroadBand Tower (a Japanese data-centre
    // operator that the "broadband" rule would call residential), HDTIDC, Dian-Xin-Tong (DXTNET), Leapswitch,
    // DINET, Smart Ape, Qrator (HLL), Telegram, Delska, trafficforce, DataSpace, SH.cz, active 1, 23M,
    // MK Netzdienste, ISPpro, Probe Networks, Netrouting, TrueFullstaq, Freethought, Jump Networks,
    // (aq) networks, FBW Networks, CDmon (10dencehispahard), Register.it, Cyberlink AG, Internetport, Miran,
    // Centrilogic, root SA, Advin, SpectraIP, EstNOC, Internet Invest (Imena), Bradler & Krantz, Adman, Yoursafe
    133380, 137409, 135330, 9607, 136038, 17964, 132335, 12695, 56694, 197068, 62041, 62282, 201341, 50599, 39392,
    197071, 47447, 25394, 35366, 29686, 47869, 15703, 41000, 8943, 33920, 49434, 197712, 39729, 15623, 49770, 41722,
    31863, 5577, 206216, 62068, 206804, 28907, 29141, 57494, 31624,
    // CDNs and platforms that send server traffic: Edgecast, Akamai, Automattic, Dropbox, Zoom, Censys, Tiggee
    // (DNS Made Easy), MongoDB, ServiceNow
    15133, 36183, 2635, 19679, 30103, 398324, 398705, 16552, 8011, 16839,
    // VPN providers that run their own networks (traffic is proxied, not residential)
    39351, 212238,
  ],
  residential: [
    // United States: Comcast, Charter/Spectrum, AT&T, Verizon Fios, Cox, CenturyLink/Lumen consumer, Frontier,
    // Windstream, Mediacom, Altice/Optimum, Suddenlink, WOW, RCN, Cable One, Google Fiber, Sonic, Starlink,
    // Viasat, HughesNet
    7922, 7015, 7016, 7725, 13367, 20214, 22909, 33287, 33491, 33650, 33651, 33652, 33657, 33659, 33660, 33662, 33667,
    33668, 20115, 7843, 10796, 11351, 11426, 11427, 12271, 20001, 33363, 7018, 701, 22773, 209, 5650, 7029, 30036, 6128,
    19108, 12083, 6079, 11492, 16591, 46375, 14593, 7155, 6621,
    // Canada: Rogers, Bell, Telus, Shaw, Videotron, Cogeco, Bell Aliant
    812, 577, 852, 6327, 5769, 7992, 855,
    // UK and Ireland: BT, Sky, Virgin Media, TalkTalk, Plusnet, Hyperoptic, Zen, eir
    2856, 5607, 5089, 13285, 6871, 56478, 13037, 5466,
    // Germany, Austria, Switzerland: Deutsche Telekom, Vodafone Kabel, Telefónica DE, 1&1 Versatel,
    // NetCologne, M-net, EWE, A1 Telekom Austria, Swisscom, Sunrise UPC
    3320, 3209, 31334, 6805, 8881, 8422, 8767, 9145, 8447, 3303, 6830,
    // France, Benelux: Orange, Free, SFR, Bouygues, KPN, VodafoneZiggo, Proximus, Telenet
    3215, 12322, 15557, 5410, 1136, 33915, 9143, 5432, 6848,
    // Southern Europe: Telefónica/Movistar, Orange ES, Vodafone ES, TIM, Fastweb, Vodafone IT, MEO, NOS, OTE
    3352, 12479, 12430, 3269, 12874, 30722, 3243, 2860, 6799,
    // Nordics, Central and Eastern Europe: Telia, Telenor, Elisa, DNA, TDC, Orange PL, Netia, UPC PL,
    // Rostelecom, Beeline, ER-Telecom, Ukrtelecom, Kyivstar, Türk Telekom, Superonline, Magyar Telekom,
    // O2 Czech, RCS&RDS
    3301, 2119, 719, 16086, 3292, 5617, 12741, 9141, 12389, 3216, 9049, 6849, 15895, 9121, 34984, 5483, 5610, 8708,
    // Japan, Korea, China: NTT OCN, KDDI, SoftBank, KT, SK Broadband, LG U+, China Telecom (incl. CN2),
    // China Unicom
    4713, 2516, 17676, 4766, 9318, 3786, 4134, 4812, 4809, 4837, 17621, 17816,
    // South and Southeast Asia: Airtel broadband, BSNL, ACT, Hathway, Telkom Indonesia, Indosat, Viettel,
    // VNPT, FPT, True, 3BB, PLDT, Globe, TM, Maxis, Singtel, StarHub, PTCL
    24560, 9498, 9829, 24309, 17488, 7713, 4761, 7552, 45899, 18403, 7470, 45758, 9299, 4775, 4788, 9534, 7473, 4657,
    17557,
    // Oceania: Telstra, Optus, TPG, Aussie Broadband
    1221, 4804, 7545, 4764,
    // Latin America: Claro/NET BR, Vivo/Telefônica BR, Oi, Telmex, Telecom Argentina, Telefónica AR, VTR, UNE
    28573, 18881, 26599, 7738, 8167, 8151, 7303, 22927, 22047, 13489,
    // Middle East and Africa: TE Data, STC, Etisalat, du, TCI, Bezeq, Telkom SA
    8452, 25019, 5384, 15802, 58224, 8551, 37457,
    // More large eyeball networks: China TieTong, Chunghwa/HiNet, LG POWERCOMM, China Unicom Beijing, Tele2 SE,
    // Maroc Telecom, Claro BR, J:COM, Telefônica BR, Algérie Télécom, So-net, BIGLOBE, Telia FI, Movistar CO,
    // OPTAGE, Brightspeed, Telenor SE, CANTV, Movistar CL, Telenor DK, Telia NO, ANTEL, HGC, Sunrise, FreeBit,
    // Beeline, Telmex CO, TDS, Netvigator, Telkom SA, TFN, LINKdotNET, Claro, Cellcom fixed, Axtel, SEEDNet,
    // Movistar PE, Vodafone ONO, TOKAI, ICE, Kazakhtelecom, Tunisie Telecom, Commufa, TRUE, Asahi Net, Vocus,
    // Grande, TOT, Hoshin
    9394, 3462, 17858, 4808, 1257, 6713, 4230, 9824, 27699, 36947, 2527, 2518, 1759, 3816, 17511, 19901, 8434, 8048,
    7418, 9158, 25400, 6057, 36903, 9304, 6730, 10013, 8402, 10620, 4181, 4760, 5713, 9924, 10429, 24863, 22085, 1680,
    6503, 4780, 6147, 6739, 10010, 11830, 9198, 327934, 18126, 17552, 4685, 9443, 7459, 23969, 9617, 9416,
    // PenTeleData, iiNet, Vidéotron, Breezeline, Multimedia Polska, Vivacom, wilhelm.tel, Tet
    3737, 4739, 22652, 11776, 21021, 8866, 15943, 12578,
  ],
  mobile: [
    // North America: T-Mobile US, AT&T Mobility, Verizon Wireless
    21928, 20057, 6167, 22394,
    // Europe: EE, Three UK, Vodafone UK, Free Mobile, Turkcell, MTS, MegaFon, T-Mobile PL, Play
    12576, 206067, 25135, 51207, 16135, 8359, 31133, 12912, 39603,
    // Asia: Jio, Airtel mobile, Vodafone Idea, NTT Docomo, Telkomsel, XL Axiata, Smart, Celcom, DiGi,
    // China Mobile, Grameenphone, Jazz, Zong, Telenor PK
    55836, 45609, 55410, 38266, 9605, 23693, 24203, 10139, 10030, 4818, 9808, 56040, 56041, 56044, 56046, 56047, 24445,
    24389, 45669, 59257, 24499,
    // Latin America, Middle East, Africa: TIM Brasil, Mobily, MCI, Irancell, Vodacom, MTN ZA, MTN NG, Safaricom
    26615, 35819, 197207, 44244, 29975, 16637, 29465, 33771,
    // More: Wind Tre, SK Telecom, Etisalat Misr, Comcel, Vodafone UK, Ooredoo TN, Meditel, Vodafone EG, Partner,
    // Movistar VE, Orange TN, SoftBank mobile, Odido, Far EasTone, TIM (Telecom Italia mobile), Cell C,
    // Orange RO, Airtel KE, Wana/inwi, MTN CI, Vodafone Data, Vodafone CZ, Vodafone PT, MegaFon
    1267, 9644, 36992, 26611, 5378, 37693, 36925, 24835, 12400, 6306, 37492, 4725, 50266, 9674, 16232, 37168, 9050,
    36926, 36884, 36974, 36935, 16019, 12353, 12714,
    // One NZ (formerly Vodafone NZ)
    9500,
  ],
  business: [
    // Transit and enterprise carriers: their own address space is backbone and corporate networks, rarely
    // the source of client traffic (Lumen/Level 3, Cogent, GTT, NTT America, Zayo, Arelion, Tata, PCCW
    // Global, Sparkle, Vodafone Group, Verizon Business, Allstream, COLT, Orange Business, AT&T Corp,
    // Telstra International, IIJ, NTT PC, T-Systems, Dimension Data)
    3356, 3549, 174, 3257, 2914, 6461, 1299, 6453, 4755, 3491, 6762, 1273, 2828, 702, 3371, 7385, 8220, 51964, 2686,
    4637, 2497, 2514, 6878, 3741, 22561, 3378, 9929,
    // Large corporations with their own address space
    31399, 4249, 11003, 7054, 209502, 8729, 2510, 6619, 521, 10794, 10695, 13433,
  ],
  education: [
    // National research and education networks
    4538, 11537, 20965, 786, 680, 2200, 1103, 559, 137, 766, 2603, 7575, 6509, 2907, 17579, 1916, 2852, 8501, 1853,
    2611, 1213, 1741, 1653, 224, 2697, 2018, 3999,
    // More research networks: TANet, Merit, MCNC, CENIC, SURF, IUCC, Utah Education Network
    1659, 237, 81, 2152, 1101, 378, 210,
    // Universities with their own ASNs
    3, 32, 11, 25, 9, 88, 31, 73, 52, 7377, 26, 14, 36375, 239, 2637, 17, 38, 59, 29, 55, 12, 46, 159, 57,
  ],
  government: [
    // US Department of Defense Network Information Center, DoD, US Army (USAISC), NASA, USDA, USPS,
    // US Department of the Interior, China eGovNet, UK Ministry of Defence
    721, 27064, 27065, 27066, 749, 56, 367, 306, 668, 5972, 1540, 4010, 270, 4155, 5774, 22284, 37937, 203665,
  ],
};
