/**
 * Parts the dashboard benchmark's generated documents are assembled from (bench/web-data.ts). Written by the
 * diemtin team for the benchmark; no text is taken from real outlets. Titles are subject + place + event; the
 * event fits the topic line and the sentiment (or the risk of a negative item), the body is sentences of the
 * same topic line.
 */

export interface TopicParts {
  id: string;
  /** How often the topic line is an item's first one (relative). */
  weight: number;
  department: string;
  subjects: string[];
  positive: string[];
  neutral: string[];
  negative: string[];
  sentences: string[];
}

export const TOPICS: TopicParts[] = [
  {
    id: 'governance',
    weight: 6,
    department: 'to-chuc-can-bo',
    subjects: ['Sở GD&ĐT', 'UBND xã', 'Phòng Văn hóa - Xã hội'],
    positive: [
      'hoàn thành sắp xếp mạng lưới trường lớp đúng tiến độ',
      'đưa 100% thủ tục hành chính lên dịch vụ công trực tuyến',
      'được đánh giá cao về cải cách hành chính',
    ],
    neutral: [
      'tổ chức hội nghị tổng kết năm học',
      'triển khai phân cấp quản lý giáo dục sau sáp nhập',
      'lấy ý kiến về phương án sáp nhập điểm trường lẻ',
    ],
    negative: [
      'chậm giải quyết hồ sơ chuyển trường của học sinh',
      'bị phản ánh sáp nhập điểm trường gây khó cho học sinh đi lại',
    ],
    sentences: [
      'Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm học và đề ra giải pháp cho thời gian tới.',
      'Việc sắp xếp mạng lưới trường lớp được thực hiện theo lộ trình, bảo đảm quyền lợi của học sinh.',
      'Các thủ tục hành chính trong lĩnh vực giáo dục được công khai trên cổng dịch vụ công của tỉnh.',
      'Lãnh đạo địa phương đề nghị các đơn vị chủ động tháo gỡ vướng mắc sau khi bỏ cấp huyện.',
    ],
  },
  {
    id: 'preschool',
    weight: 7,
    department: 'gd-mam-non',
    subjects: ['Trường mầm non', 'Nhóm trẻ độc lập', 'Trường mầm non bán trú'],
    positive: [
      'khánh thành điểm trường mới cho trẻ vùng cao',
      'tổ chức ngày hội bé vui đến trường',
      'giúp trẻ dân tộc thiểu số làm quen tiếng Việt trước khi vào lớp 1',
    ],
    neutral: ['tuyển sinh lớp mẫu giáo năm tuổi', 'tập huấn chương trình giáo dục mầm non mới'],
    negative: [
      'thiếu phòng học khiến trẻ phải học nhờ nhà văn hóa',
      'bị phụ huynh phản ánh bữa ăn bán trú sơ sài',
    ],
    sentences: [
      'Nhà trường hiện có hàng trăm trẻ, phần lớn là con em đồng bào dân tộc thiểu số.',
      'Các cô giáo dành nhiều thời gian hướng dẫn trẻ nói tiếng Việt qua trò chơi và bài hát.',
      'Phụ huynh cho biết trẻ được chăm sóc chu đáo, bữa ăn bán trú bảo đảm dinh dưỡng.',
      'Điểm trường mới có phòng học, bếp ăn và sân chơi được đầu tư từ nguồn vốn xã hội hóa.',
    ],
  },
  {
    id: 'general-education',
    weight: 14,
    department: 'gd-pho-thong',
    subjects: ['Trường THPT', 'Trường THCS', 'Trường Tiểu học', 'Trường PTDTBT TH&THCS'],
    positive: [
      'đổi mới phương pháp dạy học theo chương trình 2018',
      'tổ chức tiết học trải nghiệm được học sinh yêu thích',
      'đạt kết quả cao trong kỳ đánh giá năng lực học sinh',
    ],
    neutral: [
      'hướng dẫn lựa chọn sách giáo khoa năm học mới',
      'triển khai dạy học hai buổi mỗi ngày',
      'tư vấn hướng nghiệp và phân luồng sau trung học cơ sở',
    ],
    negative: [
      'thiếu sách giáo khoa khi năm học mới đã bắt đầu',
      'bị phản ánh dạy dồn tiết để kịp chương trình',
    ],
    sentences: [
      'Chương trình giáo dục phổ thông 2018 được triển khai đồng bộ ở tất cả các khối lớp.',
      'Giáo viên thiết kế bài học theo hướng phát triển phẩm chất và năng lực người học.',
      'Nhà trường phối hợp với cha mẹ học sinh để theo dõi việc học của các em ở nhà.',
      'Học sinh được tham gia câu lạc bộ, hoạt động trải nghiệm và nghiên cứu khoa học.',
      'Sách giáo khoa được cấp phát kịp thời cho học sinh có hoàn cảnh khó khăn.',
    ],
  },
  {
    id: 'continuing-education',
    weight: 3,
    department: 'gd-thuong-xuyen',
    subjects: ['Trung tâm GDNN-GDTX', 'Trung tâm học tập cộng đồng'],
    positive: ['mở lớp xóa mù chữ cho phụ nữ dân tộc thiểu số', 'duy trì vững chắc kết quả phổ cập giáo dục'],
    neutral: ['khai giảng lớp bổ túc văn hóa kết hợp học nghề', 'rà soát số liệu phổ cập giáo dục'],
    negative: ['nhiều học viên bỏ học giữa chừng'],
    sentences: [
      'Các lớp học được tổ chức vào buổi tối để người dân đi làm nương rẫy vẫn theo học được.',
      'Phong trào xây dựng xã hội học tập được các thôn bản hưởng ứng tích cực.',
      'Học viên vừa học văn hóa vừa học nghề, có việc làm ổn định sau khi tốt nghiệp.',
    ],
  },
  {
    id: 'inclusion',
    weight: 6,
    department: 'gd-pho-thong',
    subjects: ['Trường PTDTBT', 'Trường PTDTNT', 'Trường Tiểu học'],
    positive: [
      'chăm lo bữa ăn cho học sinh bán trú vùng cao',
      'hỗ trợ học sinh khuyết tật hòa nhập lớp học',
      'trao học bổng cho học sinh dân tộc thiểu số vượt khó',
    ],
    neutral: ['chi trả chế độ hỗ trợ học sinh bán trú', 'rà soát đối tượng hưởng chính sách dân tộc'],
    negative: [
      'chậm chi trả tiền hỗ trợ gạo cho học sinh bán trú',
      'học sinh phải vượt suối đến trường mùa mưa lũ',
    ],
    sentences: [
      'Mỗi tuần các em ở lại trường từ thứ Hai đến thứ Sáu, cuối tuần mới về nhà.',
      'Nhà trường trồng rau, nuôi gà để cải thiện bữa ăn cho học sinh bán trú.',
      'Chính sách hỗ trợ tiền ăn và gạo giúp nhiều em không phải bỏ học.',
      'Giáo viên thường xuyên đến từng bản vận động học sinh ra lớp đầy đủ.',
    ],
  },
  {
    id: 'quality-assurance',
    weight: 3,
    department: 'khao-thi',
    subjects: ['Trường THCS', 'Trường Tiểu học', 'Sở GD&ĐT'],
    positive: ['được công nhận đạt chuẩn quốc gia mức độ 2', 'đạt kiểm định chất lượng giáo dục cấp độ 3'],
    neutral: [
      'đánh giá ngoài các trường đăng ký kiểm định',
      'cấp phát văn bằng chứng chỉ cho học sinh tốt nghiệp',
    ],
    negative: ['chậm cấp bằng tốt nghiệp cho hàng trăm học sinh'],
    sentences: [
      'Đoàn đánh giá ngoài đã khảo sát cơ sở vật chất, hồ sơ và dự giờ các lớp học.',
      'Tỷ lệ trường đạt chuẩn quốc gia của tỉnh tiếp tục tăng so với năm học trước.',
      'Việc cấp phát văn bằng được thực hiện đúng quy định, công khai trên hệ thống.',
    ],
  },
  {
    id: 'teachers',
    weight: 9,
    department: 'to-chuc-can-bo',
    subjects: ['Giáo viên', 'Cô giáo vùng cao', 'Thầy giáo', 'Đội ngũ nhà giáo'],
    positive: [
      'bám bản gieo chữ hơn mười năm',
      'tự bỏ tiền mua đồ dùng học tập cho học trò nghèo',
      'được tuyển dụng bổ sung cho các điểm trường khó khăn',
    ],
    neutral: ['tham gia bồi dưỡng thường xuyên trong hè', 'xét tuyển viên chức giáo viên năm nay'],
    negative: ['thiếu giáo viên trầm trọng đầu năm học', 'bị nợ phụ cấp nhiều tháng'],
    sentences: [
      'Nhiều thầy cô phải đi bộ hàng giờ qua đường đèo dốc để đến điểm trường.',
      'Tỉnh đang thiếu giáo viên ở các môn tiếng Anh, tin học, âm nhạc và mỹ thuật.',
      'Chế độ phụ cấp thu hút được chi trả cho giáo viên công tác ở vùng đặc biệt khó khăn.',
      'Các lớp bồi dưỡng giúp giáo viên cập nhật phương pháp dạy học mới.',
    ],
  },
  {
    id: 'finance-facilities',
    weight: 8,
    department: 'ke-hoach-tai-chinh',
    subjects: ['Trường THCS', 'Trường Tiểu học', 'Trường THPT', 'Sở GD&ĐT'],
    positive: [
      'khánh thành nhà lớp học mới từ chương trình mục tiêu quốc gia',
      'được đầu tư thiết bị dạy học hiện đại',
    ],
    neutral: [
      'công khai các khoản thu đầu năm học',
      'hướng dẫn mức học phí năm học mới',
      'phân bổ ngân sách sự nghiệp giáo dục',
    ],
    negative: ['xuống cấp, học sinh học trong phòng dột nát', 'bị phản ánh thu nhiều khoản ngoài học phí'],
    sentences: [
      'Mức học phí và các khoản thu được niêm yết công khai tại bảng tin nhà trường.',
      'Dự án xây dựng nhà lớp học, nhà ở bán trú có tổng vốn đầu tư nhiều tỷ đồng.',
      'Nhà trường được cấp máy tính, máy chiếu và bộ thiết bị dạy học tối thiểu.',
      'Ban đại diện cha mẹ học sinh họp bàn các khoản đóng góp tự nguyện.',
    ],
  },
  {
    id: 'school-culture',
    weight: 7,
    department: 'chinh-tri-tu-tuong',
    subjects: ['Học sinh', 'Trường THCS', 'Đoàn trường THPT'],
    positive: [
      'xây dựng trường học hạnh phúc',
      'ra quân phòng chống ma túy học đường',
      'giữ gìn bản sắc văn hóa dân tộc trong trường học',
    ],
    neutral: ['tuyên truyền pháp luật cho học sinh', 'sinh hoạt chuyên đề kỹ năng sống'],
    negative: [
      'đánh hội đồng bạn cùng lớp, clip lan truyền trên mạng',
      'bị phát hiện sử dụng thuốc lá điện tử trong trường',
    ],
    sentences: [
      'Học sinh được tham gia các buổi ngoại khóa về kỹ năng sống và ứng xử văn hóa.',
      'Nhà trường thành lập tổ tư vấn tâm lý để hỗ trợ học sinh kịp thời.',
      'Đoàn thanh niên phối hợp công an xã tuyên truyền phòng chống ma túy.',
      'Clip ghi lại sự việc được chia sẻ trên mạng xã hội, thu hút nhiều bình luận.',
    ],
  },
  {
    id: 'health-safety',
    weight: 7,
    department: 'chinh-tri-tu-tuong',
    subjects: ['Học sinh', 'Trường Tiểu học', 'Trường PTDTBT THCS'],
    positive: ['giành nhiều huy chương tại Hội khỏe Phù Đổng', 'được khám sức khỏe định kỳ miễn phí'],
    neutral: ['tập huấn an toàn thực phẩm bếp ăn bán trú', 'diễn tập phòng cháy chữa cháy trong trường học'],
    negative: ['nhập viện sau bữa ăn bán trú', 'đuối nước khi tắm suối'],
    sentences: [
      'Bếp ăn bán trú phải lưu mẫu thức ăn và ghi chép nguồn gốc thực phẩm hằng ngày.',
      'Các em được trang bị kỹ năng phòng tránh đuối nước và thiên tai.',
      'Cơ quan chức năng đã lấy mẫu thực phẩm để xét nghiệm, làm rõ nguyên nhân.',
      'Đoàn vận động viên học sinh của tỉnh tham gia tranh tài ở nhiều môn thi.',
    ],
  },
  {
    id: 'digital-international',
    weight: 4,
    department: 'van-phong',
    subjects: ['Sở GD&ĐT', 'Trường THPT', 'Học sinh'],
    positive: ['triển khai học bạ số cho toàn bộ học sinh tiểu học', 'giành giải cao cuộc thi tin học trẻ'],
    neutral: ['cập nhật cơ sở dữ liệu ngành giáo dục', 'ký kết hợp tác đào tạo ngoại ngữ'],
    negative: ['phần mềm quản lý trường học gặp lỗi khiến giáo viên vất vả'],
    sentences: [
      'Học bạ số giúp giảm thủ tục giấy tờ cho giáo viên và phụ huynh.',
      'Cơ sở dữ liệu ngành được kết nối với hệ thống định danh điện tử.',
      'Học sinh được học tiếng Anh với giáo viên bản ngữ qua lớp học trực tuyến.',
    ],
  },
  {
    id: 'exams',
    weight: 9,
    department: 'khao-thi',
    subjects: ['Thí sinh', 'Sở GD&ĐT', 'Hội đồng thi', 'Học sinh lớp 12'],
    positive: [
      'đạt nhiều giải trong kỳ thi học sinh giỏi quốc gia',
      'tổ chức kỳ thi tốt nghiệp an toàn, nghiêm túc',
    ],
    neutral: [
      'công bố phương án tuyển sinh vào lớp 10',
      'ôn tập chuẩn bị kỳ thi tốt nghiệp THPT',
      'công bố điểm chuẩn tuyển sinh lớp 10',
    ],
    negative: ['nghi lộ đề thi học kỳ', 'bị đình chỉ thi vì mang điện thoại vào phòng thi'],
    sentences: [
      'Kỳ thi tốt nghiệp THPT năm nay có hàng nghìn thí sinh đăng ký dự thi tại các điểm thi trong tỉnh.',
      'Các điểm thi được bố trí camera giám sát và lực lượng công an bảo vệ đề thi.',
      'Điểm chuẩn vào lớp 10 các trường THPT công lập được công bố trên cổng thông tin của Sở.',
      'Đội tuyển học sinh giỏi được tập huấn nhiều tháng trước kỳ thi.',
    ],
  },
  {
    id: 'inspection',
    weight: 5,
    department: 'thanh-tra',
    subjects: ['Thanh tra Sở', 'Đoàn kiểm tra', 'Trường THCS'],
    positive: ['giải quyết dứt điểm đơn thư khiếu nại'],
    neutral: [
      'kiểm tra việc dạy thêm, học thêm đầu năm học',
      'công bố kết luận thanh tra công tác tuyển sinh',
    ],
    negative: ['phát hiện dạy thêm trái phép tại nhà riêng', 'bị tố thu chi sai quy định'],
    sentences: [
      'Đoàn kiểm tra làm việc trực tiếp với ban giám hiệu và các tổ chuyên môn.',
      'Kết luận thanh tra yêu cầu nhà trường hoàn trả các khoản thu sai quy định.',
      'Việc dạy thêm, học thêm phải tuân thủ quy định mới của Bộ GD&ĐT.',
    ],
  },
  {
    id: 'recognition',
    weight: 8,
    department: 'van-phong',
    subjects: ['Nhà giáo', 'Học sinh', 'Trường THCS', 'Tập thể giáo viên'],
    positive: [
      'được tặng bằng khen nhân ngày Nhà giáo Việt Nam 20/11',
      'là tấm gương vượt khó học giỏi',
      'được vinh danh nhà giáo tiêu biểu',
    ],
    neutral: ['tổ chức lễ kỷ niệm ngày Nhà giáo Việt Nam', 'xét tặng danh hiệu nhà giáo ưu tú'],
    negative: ['bị phản ánh bình xét thi đua thiếu công khai'],
    sentences: [
      'Buổi lễ tôn vinh những thầy cô có nhiều đóng góp cho sự nghiệp giáo dục vùng cao.',
      'Em là học sinh dân tộc thiểu số đầu tiên của xã đạt giải quốc gia.',
      'Phong trào thi đua dạy tốt, học tốt được duy trì trong suốt năm học.',
    ],
  },
  {
    id: 'misinformation',
    weight: 2,
    department: 'van-phong',
    subjects: ['Sở GD&ĐT', 'Trang mạng', 'Tài khoản mạng xã hội'],
    positive: ['bác bỏ thông tin sai về việc thu tiền học'],
    neutral: ['lên tiếng về văn bản giả mạo lan truyền trên mạng', 'đính chính thông tin về lịch nghỉ học'],
    negative: [
      'đăng tin sai sự thật về việc cho học sinh nghỉ học',
      'lan truyền văn bản giả mạo của ngành giáo dục',
    ],
    sentences: [
      'Cơ quan chức năng khẳng định văn bản lan truyền trên mạng là giả mạo.',
      'Người dân được khuyến cáo chỉ tin vào thông tin trên cổng thông tin chính thức.',
      'Nội dung bài đăng đã thu hút hàng nghìn lượt chia sẻ trước khi bị gỡ.',
    ],
  },
];

/** Risks of negative items, with an event phrase each, and the department the routing table sends them to. */
export const RISKS: { id: string; topic: string; department: string; events: string[] }[] = [
  {
    id: 'violence',
    topic: 'school-culture',
    department: 'chinh-tri-tu-tuong',
    events: [
      'xảy ra vụ bạo lực học đường, một học sinh nhập viện',
      'nữ sinh bị đánh hội đồng ngay trước cổng trường',
    ],
  },
  {
    id: 'abuse',
    topic: 'school-culture',
    department: 'thanh-tra',
    events: ['điều tra nghi án xâm hại học sinh'],
  },
  {
    id: 'teacher-misconduct',
    topic: 'teachers',
    department: 'to-chuc-can-bo',
    events: ['giáo viên bị tố đánh học sinh lớp 3', 'cô giáo phạt học sinh quỳ giữa lớp'],
  },
  {
    id: 'food-safety',
    topic: 'health-safety',
    department: 'gd-pho-thong',
    events: [
      'nhiều học sinh bán trú nhập viện nghi ngộ độc thực phẩm',
      'phát hiện thực phẩm hết hạn trong bếp ăn bán trú',
    ],
  },
  {
    id: 'accident',
    topic: 'health-safety',
    department: 'gd-pho-thong',
    events: ['hai học sinh đuối nước khi đi tắm suối', 'xe đưa đón học sinh gặp tai nạn trên đường đèo'],
  },
  {
    id: 'fees',
    topic: 'finance-facilities',
    department: 'ke-hoach-tai-chinh',
    events: ['phụ huynh phản ánh lạm thu đầu năm học', 'ép học sinh mua đồng phục với giá cao'],
  },
  {
    id: 'extra-classes',
    topic: 'inspection',
    department: 'thanh-tra',
    events: ['giáo viên ép học sinh đi học thêm'],
  },
  {
    id: 'exam-fraud',
    topic: 'exams',
    department: 'khao-thi',
    events: [
      'nghi vấn lộ đề thi trước giờ làm bài',
      'phát hiện thí sinh gian lận bằng thiết bị công nghệ cao',
    ],
  },
  {
    id: 'infrastructure',
    topic: 'finance-facilities',
    department: 'ke-hoach-tai-chinh',
    events: ['tường rào trường học đổ sập sau mưa lớn', 'mái phòng học bị tốc sau trận lốc'],
  },
  {
    id: 'corruption',
    topic: 'inspection',
    department: 'thanh-tra',
    events: ['sai phạm trong đấu thầu thiết bị dạy học'],
  },
  {
    id: 'staffing',
    topic: 'teachers',
    department: 'to-chuc-can-bo',
    events: ['giáo viên hợp đồng bị nợ lương nhiều tháng'],
  },
  {
    id: 'student-welfare',
    topic: 'school-culture',
    department: 'chinh-tri-tu-tuong',
    events: ['nhiều học sinh bỏ học đi làm thuê'],
  },
  {
    id: 'misinformation',
    topic: 'misinformation',
    department: 'van-phong',
    events: ['tin giả về việc cho học sinh nghỉ học lan truyền'],
  },
];

/** Places of the province (current communes and wards, and former districts the press still names). */
export const PROVINCE_PLACES = [
  'xã Bát Xát',
  'phường Cam Đường',
  'xã Trịnh Tường',
  'xã Mường Khương',
  'xã Bắc Hà',
  'phường Sa Pa',
  'xã Si Ma Cai',
  'xã Bảo Yên',
  'xã Bảo Thắng',
  'xã Văn Bàn',
  'xã Mù Cang Chải',
  'xã Trạm Tấu',
  'xã Lục Yên',
  'xã Văn Yên',
  'xã Trấn Yên',
  'phường Yên Bái',
  'phường Nghĩa Lộ',
  'xã Yên Bình',
  'xã Phong Hải',
  'xã Bản Lầu',
  'phường Lào Cai',
  'xã Tả Van',
  'xã Nậm Xé',
  'xã Cốc San',
  'xã Mường Bo',
  'xã Khánh Yên',
  'huyện Bát Xát cũ',
  'Yên Bái cũ',
  'thành phố Lào Cai cũ',
  'thị xã Sa Pa cũ',
];
/** Appears in about one item in 20,000: the benchmark's rare term. */
export const RARE_PLACES = ['xã Y Tý', 'xã Dền Sáng', 'xã A Mú Sung'];
export const NATIONAL_PLACES = ['trên cả nước', 'toàn quốc', 'của Bộ GD&ĐT', 'các địa phương'];
export const OTHER_PROVINCES = [
  'tỉnh Lai Châu',
  'tỉnh Điện Biên',
  'tỉnh Tuyên Quang',
  'tỉnh Phú Thọ',
  'TP Hà Nội',
  'tỉnh Sơn La',
  'tỉnh Thái Nguyên',
  'tỉnh Nghệ An',
  'tỉnh Đắk Lắk',
  'TP Hồ Chí Minh',
];
/** Items that are not about education at all (scope none). */
export const OFF_TOPIC = [
  'Giá vàng hôm nay tăng mạnh',
  'Mưa lớn gây sạt lở trên quốc lộ',
  'Khai mạc lễ hội hoa tam giác mạch',
  'Nông dân thu hoạch lúa trên ruộng bậc thang',
  'Cửa khẩu quốc tế thông quan hàng nông sản',
  'Giải chạy địa hình thu hút hàng nghìn vận động viên',
  'Điều chỉnh giá điện sinh hoạt từ tháng tới',
  'Khách du lịch đổ về ngắm mây trên đỉnh núi',
];
export const GENERIC_SENTENCES = [
  'Phóng viên đã liên hệ với lãnh đạo nhà trường để tìm hiểu sự việc.',
  'Sự việc đang được các cơ quan chức năng xác minh, làm rõ.',
  'Theo thống kê, năm học này toàn tỉnh có hơn 200 nghìn học sinh các cấp.',
  'Lãnh đạo ngành giáo dục cho biết sẽ tiếp tục theo dõi và chỉ đạo sát sao.',
  'Nhiều phụ huynh bày tỏ sự đồng tình và mong muốn nhà trường tiếp tục phát huy.',
  'Bài viết nhận được nhiều lượt quan tâm và bình luận của cư dân mạng.',
];

/** Outlets with a relative weight; social outlets are the platform (as the crawler stores them). */
export const NEWS_OUTLETS: [string, string, number][] = [
  ['VnExpress', 'vnexpress.net', 10],
  ['Dân trí', 'dantri.com.vn', 10],
  ['Tuổi Trẻ', 'tuoitre.vn', 8],
  ['Thanh Niên', 'thanhnien.vn', 8],
  ['VietnamNet', 'vietnamnet.vn', 7],
  ['Giáo dục & Thời đại', 'giaoducthoidai.vn', 9],
  ['Tiền Phong', 'tienphong.vn', 5],
  ['Lao Động', 'laodong.vn', 5],
  ['Người Lao Động', 'nld.com.vn', 4],
  ['VOV', 'vov.vn', 4],
  ['VTV', 'vtv.vn', 3],
  ['VTC News', 'vtcnews.vn', 3],
  ['VietnamPlus', 'vietnamplus.vn', 3],
  ['Znews', 'znews.vn', 4],
  ['Báo Lào Cai', 'baolaocai.vn', 12],
  ['Báo Lào Cai (Phát thanh - Truyền hình)', 'laocaitv.vn', 6],
  ['Sở GD&ĐT Lào Cai', 'sogd.laocai.gov.vn', 3],
  ['Báo Tin tức', 'baotintuc.vn', 3],
  ['Nhân Dân', 'nhandan.vn', 3],
  ['Giáo dục Việt Nam', 'giaoduc.net.vn', 4],
  ['Báo Yên Bái', 'baoyenbai.com.vn', 2],
  ['Báo Lai Châu', 'baolaichau.vn', 1],
];
export const SOCIAL_OUTLETS: [string, string, number][] = [
  ['Facebook', 'facebook.com', 14],
  ['YouTube', 'youtube.com', 2],
  ['TikTok', 'tiktok.com', 3],
  ['Zalo', 'zalo.me', 1],
];
