import LiftCore

/// The export tables of regulators' lists: headers as the platform's exports name them (Chinese
/// by default, English with `.en`), statuses and types in words, days and times as dates.
public enum SupervisionTables {
    /// Elevators with their maintenance status (电梯).
    public static func elevators(_ language: Language = .zh) -> ExportTable<SupervisedElevator> {
        let zh = language == .zh
        return ExportTable(sheetName: zh ? "电梯" : "Elevators", columns: [
            ExportColumn(zh ? "电梯编号" : "Number", width: 10) { .text($0.number.description) },
            ExportColumn(zh ? "地址" : "Address", width: 40) { .text($0.address) },
            ExportColumn(zh ? "楼盘名称" : "Building", width: 16) { .text($0.building) },
            ExportColumn(zh ? "行政区划" : "District", width: 10) { .text($0.district) },
            ExportColumn(zh ? "街道办" : "Street", width: 12) { .text($0.street) },
            ExportColumn(zh ? "使用单位" : "User unit", width: 28) { .text($0.userUnit) },
            ExportColumn(zh ? "维保单位" : "Maintenance unit", width: 28) { .text($0.maintenanceUnit) },
            ExportColumn(zh ? "维保状态" : "Maintenance status", width: 10) { .text($0.status.name(in: language)) },
            ExportColumn(zh ? "维保到期日" : "Maintenance due", width: 12) { .day($0.dueDay) },
            ExportColumn(zh ? "超期天数" : "Days overdue", width: 8) { .integer($0.daysOverdue) },
            ExportColumn(zh ? "最近维保时间" : "Last maintenance", width: 17) { .time($0.lastMaintenanceAt) },
            ExportColumn(zh ? "最近维保类型" : "Last type", width: 10) { .text($0.lastMaintenanceType?.name(in: language)) },
            ExportColumn(zh ? "最近维保人员" : "Last worker", width: 10) { .text($0.lastWorker) },
            ExportColumn(zh ? "下次检验日期" : "Next inspection", width: 12) { .day($0.nextInspection) },
            ExportColumn(zh ? "检验超期" : "Inspection overdue", width: 8) { .text(yesNo($0.inspectionOverdue, language)) },
        ])
    }

    /// Maintenance records (维保记录), or abnormal ones (异常记录) with `abnormal`.
    public static func records(_ language: Language = .zh, abnormal: Bool = false) -> ExportTable<SupervisedRecord> {
        let zh = language == .zh
        let name = abnormal ? (zh ? "异常记录" : "Abnormal records") : (zh ? "维保记录" : "Maintenance records")
        return ExportTable(sheetName: name, columns: [
            ExportColumn(zh ? "记录编号" : "Record", width: 10) { .integer(Int($0.id)) },
            ExportColumn(zh ? "电梯编号" : "Number", width: 10) { .text($0.number.description) },
            ExportColumn(zh ? "行政区划" : "District", width: 10) { .text($0.district) },
            ExportColumn(zh ? "街道办" : "Street", width: 12) { .text($0.street) },
            ExportColumn(zh ? "地址" : "Address", width: 40) { .text($0.address) },
            ExportColumn(zh ? "维保类型" : "Type", width: 10) { .text($0.type.name(in: language)) },
            ExportColumn(zh ? "开始时间" : "Started", width: 17) { .time($0.startedAt) },
            ExportColumn(zh ? "结束时间" : "Ended", width: 17) { .time($0.endedAt) },
            ExportColumn(zh ? "上传时间" : "Uploaded", width: 17) { .time($0.uploadedAt) },
            ExportColumn(zh ? "维保时长(分钟)" : "Minutes", width: 8) { .integer($0.durationMinutes) },
            ExportColumn(zh ? "维保人员" : "Worker", width: 10) { .text($0.workerName) },
            ExportColumn(zh ? "工号" : "Login", width: 8) { .text($0.workerLogin) },
            ExportColumn(zh ? "维保单位" : "Maintenance unit", width: 28) { .text($0.maintenanceUnit) },
            ExportColumn(zh ? "审核状态" : "Review status", width: 8) { .text($0.status.name(in: language)) },
            ExportColumn(zh ? "异常类型" : "Abnormal", width: 10) { .text($0.abnormal?.name(in: language)) },
        ])
    }

    /// Complaints (投诉), without the reporter's phone.
    public static func complaints(_ language: Language = .zh) -> ExportTable<SupervisedComplaint> {
        let zh = language == .zh
        return ExportTable(sheetName: zh ? "投诉" : "Complaints", columns: [
            ExportColumn(zh ? "投诉编号" : "Complaint", width: 18) { .text($0.id) },
            ExportColumn(zh ? "电梯编号" : "Number", width: 10) { .text($0.number.description) },
            ExportColumn(zh ? "行政区划" : "District", width: 10) { .text($0.district) },
            ExportColumn(zh ? "街道办" : "Street", width: 12) { .text($0.street) },
            ExportColumn(zh ? "地址" : "Address", width: 40) { .text($0.address) },
            ExportColumn(zh ? "类别" : "Category", width: 8) { .text($0.category.name(in: language)) },
            ExportColumn(zh ? "问题" : "Problem", width: 14) { .text($0.problem?.name(in: language)) },
            ExportColumn(zh ? "内容" : "Text", width: 40) { .text($0.text) },
            ExportColumn(zh ? "状态" : "State", width: 14) { .text($0.state.name(in: language)) },
            ExportColumn(zh ? "处理单位" : "Routed to", width: 28) { .text($0.routedTo) },
            ExportColumn(zh ? "投诉时间" : "Filed", width: 17) { .time($0.createdAt) },
            ExportColumn(zh ? "更新时间" : "Updated", width: 17) { .time($0.updatedAt) },
            ExportColumn(zh ? "超期未办结" : "Past due", width: 8) { .text(yesNo($0.isPastDue, language)) },
            ExportColumn(zh ? "处理结果" : "Resolution", width: 30) { .text($0.resolution) },
            ExportColumn(zh ? "评价" : "Feedback", width: 8) { complaint in
                guard let satisfied = complaint.satisfied else { return .empty }
                return .text(zh ? (satisfied ? "满意" : "不满意") : (satisfied ? "satisfied" : "not satisfied"))
            },
        ])
    }

    /// The daily summary per district (汇总).
    public static func summary(_ language: Language = .zh) -> ExportTable<DistrictSummary> {
        let zh = language == .zh
        return ExportTable(sheetName: zh ? "汇总" : "Summary", columns: [
            ExportColumn(zh ? "日期" : "Day", width: 12) { .day($0.day) },
            ExportColumn(zh ? "行政区划" : "District", width: 10) { .text($0.district) },
            ExportColumn(zh ? "街道办" : "Street", width: 12) { .text($0.street) },
            ExportColumn(zh ? "电梯总数" : "Elevators", width: 10) { .integer($0.elevators) },
            ExportColumn(zh ? "停用" : "Stopped", width: 8) { .integer($0.stopped) },
            ExportColumn(zh ? "超期" : "Overdue", width: 8) { .integer($0.overdue) },
            ExportColumn(zh ? "超期率" : "Overdue rate", width: 8) { .percent($0.overdueRate) },
            ExportColumn(zh ? "无记录" : "No record", width: 8) { .integer($0.noRecord) },
            ExportColumn(zh ? "异常记录" : "Abnormal records", width: 10) { .integer($0.abnormalRecords) },
            ExportColumn(zh ? "未办结投诉" : "Open complaints", width: 10) { .integer($0.openComplaints) },
            ExportColumn(zh ? "超期未办结投诉" : "Past-due complaints", width: 12) { .integer($0.pastDueComplaints) },
        ])
    }

    static func yesNo(_ value: Bool, _ language: Language) -> String {
        language == .zh ? (value ? "是" : "否") : (value ? "yes" : "no")
    }
}
